using System.Diagnostics;
using PodBrief.Core.Data;
using PodBrief.Core.Insights.Quality;
using PodBrief.Core.Transcripts;

namespace PodBrief.Core.Insights.Evaluation;

/// <summary>
/// `insights eval`: runs an extractor over a folder of transcript files (any format the product reads, through
/// <see cref="TranscriptParser"/>) and measures what a reader would get: how many cards, how many grounded, which
/// quality faults, how many of a human editor's ideas were found, and how long it took. It screens cards exactly
/// as <see cref="ExtractEpisodeJob"/> does (<see cref="CardScreening"/>) and writes nothing to the database.
/// </summary>
public sealed class InsightsEvaluator(IInsightExtractor extractor, IEvaluationUsageMeter? usageMeter = null)
{
    /// <summary>Transcript files of a folder, by name (files the parser cannot read are reported, not skipped).</summary>
    public static IReadOnlyList<string> TranscriptFiles(string folder) =>
        [.. Directory.EnumerateFiles(folder)
            .Where(f => TranscriptFormats.FromUrl(f) != TranscriptFormat.Unknown || Path.GetExtension(f) is ".txt")
            .Order(StringComparer.Ordinal)];

    public async Task<EvaluationReport> EvaluateAsync(
        IReadOnlyList<string> files, IReadOnlyDictionary<string, IReadOnlyList<ReferenceIdea>>? references, int maxCards, CancellationToken cancellationToken)
    {
        var topics = DefaultTopics.All.Select(t => new TopicChoice(t.Slug, t.Name, t.Description)).ToList();
        var results = new List<TranscriptEvaluation>();
        foreach (var file in files)
        {
            var name = Path.GetFileName(file);
            var ideas = references?.GetValueOrDefault(name) ?? [];
            results.Add(await EvaluateOneAsync(file, name, ideas, topics, maxCards, cancellationToken));
        }
        return new EvaluationReport(results);
    }

    /// <summary>The transcript file as the pipeline would store it: parsed by the product's parser.</summary>
    public static TranscriptDocument Read(string file) =>
        TranscriptParser.Parse(File.ReadAllBytes(file), TranscriptFormats.FromUrl(file));

    private async Task<TranscriptEvaluation> EvaluateOneAsync(
        string file, string name, IReadOnlyList<ReferenceIdea> ideas, List<TopicChoice> topics, int maxCards, CancellationToken cancellationToken)
    {
        TranscriptDocument document;
        try
        {
            document = Read(file);
        }
        catch (Exception ex) when (ex is FormatException or IOException)
        {
            return new TranscriptEvaluation(name, 0, ex.Message, [], Unmatched(ideas), 0, EvaluationUsage.None);
        }
        var before = usageMeter?.Total ?? EvaluationUsage.None;
        var watch = Stopwatch.StartNew();
        ExtractionResult result;
        try
        {
            result = await extractor.ExtractAsync(new ExtractionRequest(0, null, null, document, topics, maxCards), cancellationToken);
        }
        catch (Exception ex) when (ex is ExtractionFailedException or ExtractionDeferredException)
        {
            return new TranscriptEvaluation(name, document.DurationSeconds ?? 0, ex.Message, [], Unmatched(ideas), watch.Elapsed.TotalSeconds, EvaluationUsage.None);
        }
        var seconds = watch.Elapsed.TotalSeconds;
        var usage = (usageMeter?.Total ?? EvaluationUsage.None).Minus(before);

        var language = document.Language;
        var screening = CardScreening.Screen(result.Cards, document, topics.Select(t => t.Slug).ToHashSet(StringComparer.Ordinal), language);
        var storedQuotes = screening.Kept.Select(k => k.Card.Quote).ToHashSet(StringComparer.Ordinal);
        var gate = new GroundingGate(document);
        var cards = new List<EvaluatedCard>();
        foreach (var card in result.Cards)
        {
            var located = gate.Locate(card.Quote);
            var faults = CardQuality.Check(card, language);
            var stored = located is not null && storedQuotes.Remove(located.VerbatimText);
            cards.Add(new EvaluatedCard(card, located?.StartSeconds, located is not null, located is { IsExact: true } && located.VerbatimText == card.Quote, faults, stored));
        }
        return new TranscriptEvaluation(name, document.DurationSeconds ?? 0, null, cards, Match(ideas, cards), seconds, usage);
    }

    // Only stored cards count: a card the gate drops never reaches a reader.
    private static List<ReferenceOutcome> Match(IReadOnlyList<ReferenceIdea> ideas, List<EvaluatedCard> cards)
    {
        var stored = cards.Where(c => c.Stored && c.QuoteStartSeconds is not null).ToList();
        return [.. ideas.Select(idea => new ReferenceOutcome(
            idea,
            stored.FirstOrDefault(c => ReferenceIdeas.IsFoundBy(idea, c.Card.Quote, c.QuoteStartSeconds)),
            stored.MinBy(c => Math.Abs(c.QuoteStartSeconds!.Value - idea.StartSeconds))))];
    }

    private static List<ReferenceOutcome> Unmatched(IReadOnlyList<ReferenceIdea> ideas) => [.. ideas.Select(i => new ReferenceOutcome(i, null, null))];
}
