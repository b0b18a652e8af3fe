using PodBrief.Core.Insights;
using PodBrief.Core.Insights.Evaluation;
using PodBrief.Testing;

namespace PodBrief.IntegrationTests.Insights;

/// <summary>The offline extractor over every real transcript of the corpus.</summary>
public class OfflineExtractorCorpusTests
{
    private const int MaxCards = 10;

    [Fact]
    public async Task Every_corpus_transcript_yields_grounded_valid_cards()
    {
        var corpus = RepositoryPaths.RequireCorpus();
        using var extractor = new OfflineInsightExtractor(SharedEmbedder.Embedder);
        var allowed = SharedEmbedder.Topics.Select(t => t.Slug).ToHashSet();
        var problems = new List<string>();
        var files = InsightsEvaluator.TranscriptFiles(Path.Combine(corpus, "transcripts")).ToList();
        Assert.NotEmpty(files);
        var longTranscripts = 0;
        var quotes = 0;

        foreach (var file in files)
        {
            var name = Path.GetFileName(file);
            var document = InsightsEvaluator.Read(file);
            var duration = document.DurationSeconds ?? 0;
            var result = await extractor.ExtractAsync(
                new ExtractionRequest(1, "Show", "Episode", document, SharedEmbedder.Topics, MaxCards), TestContext.Current.CancellationToken);

            // One card per five minutes of talk, within the operator's maximum: an hour covers more than ten minutes.
            if (duration >= 45 * 60 && result.Cards.Count <= 6)
            {
                problems.Add($"{name}: only {result.Cards.Count} cards for {duration / 60:F0} min");
            }
            if (duration >= 600)
            {
                longTranscripts++;
                if (result.Cards.Count < 5)
                {
                    problems.Add($"{name}: {result.Cards.Count} cards for {duration / 60:F0} min");
                }
            }
            Assert.True(result.Cards.Count <= MaxCards, name);
            var gate = new GroundingGate(document);
            foreach (var card in result.Cards)
            {
                quotes++;
                var found = gate.Locate(card.Quote);
                if (found is null || !found.IsExact || found.VerbatimText != card.Quote)
                {
                    problems.Add($"{name}: quote not verbatim: {card.Quote}");
                    continue;
                }
                if (found.StartSeconds < 0 || found.StartSeconds > duration)
                {
                    problems.Add($"{name}: start {found.StartSeconds} outside 0..{duration}");
                }
                // The start lies in the segment that holds the quote's first words: its start for a cue, inside it
                // for a long paragraph (GroundingGate.LongSegmentSeconds).
                var firstWord = GroundingGate.Normalize(card.Quote.Split(' ')[0]);
                var segment = document.Segments.FirstOrDefault(s => (s.End - s.Start > GroundingGate.LongSegmentSeconds ? s.Start <= found.StartSeconds && found.StartSeconds <= s.End : s.Start == found.StartSeconds)
                    && s.Text.Split(' ').Any(w => GroundingGate.Normalize(w) == firstWord));
                if (segment is null)
                {
                    problems.Add($"{name}: no segment at {found.StartSeconds} holds '{firstWord}'");
                }
                var (valid, rejection) = CardValidator.Validate(card, allowed, "en");
                if (valid is null)
                {
                    problems.Add($"{name}: card rejected ({rejection}): {card.Headline}");
                }
                if (card.Headline.Length > 90 || card.Body.Length > 320 || card.Importance is < 0 or > 1)
                {
                    problems.Add($"{name}: lengths or importance out of range: {card.Headline}");
                }
            }
        }
        Assert.True(longTranscripts >= 5, $"expected several 10+ minute transcripts, found {longTranscripts}");
        Assert.True(quotes >= 40, $"only {quotes} quotes");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task Extraction_is_deterministic()
    {
        var corpus = RepositoryPaths.RequireCorpus();
        var file = Path.Combine(corpus, "transcripts", "buzzsprout_10-things-rookie-mistakes_12min_namespace-example.srt");
        Assert.SkipUnless(File.Exists(file), "corpus file missing");
        using var extractor = new OfflineInsightExtractor(SharedEmbedder.Embedder);
        var request = new ExtractionRequest(1, null, null, InsightsEvaluator.Read(file), SharedEmbedder.Topics, 6);
        var first = await extractor.ExtractAsync(request, TestContext.Current.CancellationToken);
        var second = await extractor.ExtractAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(first.Cards.Select(c => c.Quote + c.Headline + c.Body + c.Importance), second.Cards.Select(c => c.Quote + c.Headline + c.Body + c.Importance));
    }

    [Fact]
    public async Task Claims_read_as_insights_and_anecdotes_banter_and_ads_do_not()
    {
        // Sentences of our own, in fields the prototype examples do not cover.
        string[] claims =
        [
            "Solar panels now produce power more cheaply than coal plants in most countries, so new coal plants rarely pay off.",
            "Teams that release small changes every day have fewer outages, because each change is easy to undo.",
            "About forty percent of food is thrown away before it reaches a plate, which drives up prices for everyone.",
        ];
        string[] talk =
        [
            "So I walked into the kitchen and my dog had eaten the whole sandwich while I was on the phone with my mum.",
            "Ha, yeah, no, totally, that cracked me up, you should have seen his face when he saw it.",
            "Go to our partner's site today and get twenty percent off your first box with the code from the show.",
        ];
        var likeness = await Core.Insights.Offline.ClaimLikeness.CreateAsync(SharedEmbedder.Embedder, TestContext.Current.CancellationToken);
        var vectors = await SharedEmbedder.Embedder.EmbedAsync([.. claims, .. talk], TestContext.Current.CancellationToken);
        var scores = vectors.Select(likeness.Score).ToList();

        var lowestClaim = scores.Take(claims.Length).Min();
        var highestTalk = scores.Skip(claims.Length).Max();
        Assert.True(lowestClaim > highestTalk, $"claims {string.Join(", ", scores.Take(3).Select(s => s.ToString("F3")))}; talk {string.Join(", ", scores.Skip(3).Select(s => s.ToString("F3")))}");
    }
}
