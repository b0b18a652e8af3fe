using System.ComponentModel;
using System.Globalization;
using PodBrief.Core.Insights;
using PodBrief.Core.Insights.Evaluation;
using PodBrief.Core.Insights.Quality;
using Spectre.Console;
using Spectre.Console.Cli;

namespace PodBrief.Web.Cli.Insights;

/// <summary>
/// `insights eval &lt;folder&gt; [--reference file] [--cards]`: runs the configured extractor over transcript files and
/// prints cards, grounding, quality-gate faults, reference recall, speed and (for an LLM) tokens and cost.
/// Writes nothing to the database. Exit codes: 0 every transcript was read and extracted; 1 some transcript
/// could not be read or extracted (listed); 2 bad arguments (no such folder, unreadable reference file).
/// </summary>
internal sealed class InsightsEvalCommand(IInsightExtractor extractor, IServiceProvider services) : AsyncCommand<InsightsEvalCommand.Settings>
{
    internal sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<folder>")]
        [Description("Folder of transcript files (SRT, WebVTT, Podcast Index JSON, HTML, timestamped text).")]
        public string Folder { get; init; } = string.Empty;

        [CommandOption("--reference <FILE>")]
        [Description("Reference ideas: {\"<file>\": [{\"insight\", \"quote\", \"startSeconds\"}]}; enables recall.")]
        public string? Reference { get; init; }

        [CommandOption("--max-cards <N>")]
        [Description("Cards asked for per transcript (default 10, as Insights:MaxCardsPerEpisode).")]
        public int MaxCards { get; init; } = 10;

        [CommandOption("--cards")]
        [Description("Print every card (headline, body, quote, time, faults).")]
        public bool ShowCards { get; init; }

        public override ValidationResult Validate() =>
            Directory.Exists(Folder) ? ValidationResult.Success() : ValidationResult.Error($"no such folder: {Folder}");
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        IReadOnlyDictionary<string, IReadOnlyList<ReferenceIdea>>? references = null;
        if (settings.Reference is not null)
        {
            try
            {
                references = ReferenceIdeas.Load(settings.Reference);
            }
            catch (Exception ex) when (ex is FormatException or IOException)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]reference file:[/] {ex.Message}");
                return 2;
            }
        }
        var evaluator = new InsightsEvaluator(extractor, services.GetService<IEvaluationUsageMeter>());
        var files = InsightsEvaluator.TranscriptFiles(settings.Folder);
        var report = await evaluator.EvaluateAsync(files, references, settings.MaxCards, cancellationToken);
        EvaluationPrinter.Print(report, extractor, settings.ShowCards);
        return report.Transcripts.Any(t => t.Error is not null) ? 1 : 0;
    }
}

/// <summary>The eval report as plain lines and tables (also used by tests through <see cref="Lines"/>).</summary>
internal static class EvaluationPrinter
{
    // Redirected output (a log, a file, CI) has no terminal width; Spectre would wrap every line at 80 columns,
    // cutting file names and quotes in two. Each line is one fact, so it stays one line.
    private const int RedirectedWidth = 1 << 16;

    public static void Print(EvaluationReport report, IInsightExtractor extractor, bool showCards)
    {
        if (Console.IsOutputRedirected)
        {
            AnsiConsole.Profile.Width = RedirectedWidth;
        }
        AnsiConsole.MarkupLineInterpolated($"Extractor: {extractor.Name} ({extractor.PromptVersion})");
        if (showCards)
        {
            foreach (var t in report.Transcripts.Where(t => t.Error is null))
            {
                AnsiConsole.WriteLine();
                AnsiConsole.MarkupLineInterpolated($"[bold]{t.File}[/]");
                foreach (var c in t.Cards)
                {
                    var time = Clock(c.QuoteStartSeconds);
                    var verdict = c.Faults.Count == 0 ? (c.Stored ? "ok" : "dropped") : string.Join(",", c.Faults);
                    AnsiConsole.MarkupLineInterpolated($"  [[{time}]] [bold]{c.Card.Headline}[/] ({verdict})");
                    AnsiConsole.MarkupLineInterpolated($"      {c.Card.Body}");
                    AnsiConsole.MarkupLineInterpolated($"      [grey]“{c.Card.Quote}”[/]");
                }
                PrintReferences(t);
            }
            AnsiConsole.WriteLine();
        }
        // Plain lines rather than a table: file names are long and the output is read in logs and CI too.
        foreach (var t in report.Transcripts)
        {
            AnsiConsole.WriteLine(t.Error is not null
                ? $"{t.File}: error: {t.Error}"
                : $"{t.File}: {t.DurationSeconds / 60:F0} min, {t.Proposed} cards, {t.Stored} stored, grounded {Percent(t.Grounded, t.Proposed)}, "
                    + $"verbatim {Percent(t.Verbatim, t.Proposed)}, fault-free {Percent(t.FaultFree, t.Proposed)}, faults {FaultSummary(t.WithFault)}, "
                    + $"recall {(t.ReferenceIdeas == 0 ? "-" : $"{t.ReferenceFound}/{t.ReferenceIdeas}")}, "
                    + $"{(t.DurationSeconds > 0 ? t.ExtractionSeconds * 3600 / t.DurationSeconds : 0):F1} s/h, "
                    + $"{t.Usage.InputTokens + t.Usage.OutputTokens} tokens, {t.Usage.CostUsd:0.0000} USD");
        }
        AnsiConsole.WriteLine();
        foreach (var line in Lines(report))
        {
            AnsiConsole.WriteLine(line);
        }
    }

    /// <summary>
    /// Each reference idea, found or missed, and for a miss the stored card nearest in time: far off means the
    /// extractor chose other passages, near with few shared words means it quoted another sentence of the passage.
    /// </summary>
    private static void PrintReferences(TranscriptEvaluation t)
    {
        if (t.References.Count == 0)
        {
            return;
        }
        AnsiConsole.WriteLine($"  reference ideas: {t.ReferenceFound}/{t.ReferenceIdeas} found");
        foreach (var r in t.References)
        {
            AnsiConsole.WriteLine(r.FoundBy is { } by
                ? $"    found  [{Clock(r.Idea.StartSeconds)}] “{r.Idea.Quote}” by the card at {Clock(by.QuoteStartSeconds)}"
                : $"    missed [{Clock(r.Idea.StartSeconds)}] “{r.Idea.Quote}”; {Nearest(r)}");
        }
    }

    private static string Nearest(ReferenceOutcome r)
    {
        if (r.Nearest is not { QuoteStartSeconds: { } start } card)
        {
            return "no stored card";
        }
        var (shared, wanted) = ReferenceIdeas.SharedContentWords(r.Idea.Quote, card.Card.Quote);
        return $"nearest card at {Clock(start)} ({Math.Abs(start - r.Idea.StartSeconds):F0} s away) shares {shared} of its {wanted} content words";
    }

    private static string Clock(double? seconds) =>
        seconds is { } s ? TimeSpan.FromSeconds(s).ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture) : "--:--:--";

    /// <summary>The totals, one fact per line, in a fixed form that scripts and the closing notes can quote.</summary>
    public static IEnumerable<string> Lines(EvaluationReport r)
    {
        yield return $"transcripts: {r.Transcripts.Count(t => t.Error is null)} read, {r.Transcripts.Count(t => t.Error is not null)} failed, {r.TranscriptHours:F2} h";
        yield return $"cards: {r.Proposed} proposed, {r.Stored} stored";
        yield return $"grounded: {Percent(r.Grounded, r.Proposed)}; verbatim quotes: {Percent(r.Verbatim, r.Proposed)}";
        yield return $"fault-free: {Percent(r.FaultFree, r.Proposed)}; headlines ending in …: {r.HeadlineEllipsis}";
        yield return $"faults: {FaultSummary(r.WithFault)}";
        yield return r.ReferenceIdeas == 0 ? "recall: no reference" : $"recall: {r.ReferenceFound}/{r.ReferenceIdeas} ({Percent(r.ReferenceFound, r.ReferenceIdeas)})";
        yield return $"speed: {r.SecondsPerTranscriptHour:F1} s per transcript hour";
        yield return $"usage: {r.Usage.InputTokens} input tokens, {r.Usage.OutputTokens} output tokens, {r.Usage.CostUsd:0.0000} USD";
    }

    private static string FaultSummary(Func<CardFault, int> count)
    {
        var parts = Enum.GetValues<CardFault>().Select(f => (f, n: count(f))).Where(x => x.n > 0).Select(x => $"{x.f}={x.n}").ToList();
        return parts.Count == 0 ? "none" : string.Join(" ", parts);
    }

    private static string Percent(int part, int whole) => whole == 0 ? "-" : (100.0 * part / whole).ToString("F0", CultureInfo.InvariantCulture) + "%";
}
