using PodBrief.Core.Insights.Quality;

namespace PodBrief.Core.Insights.Evaluation;

/// <summary>Tokens and cost an extractor spent, for LLM extractors; zero for the offline one.</summary>
public sealed record EvaluationUsage(long InputTokens, long OutputTokens, decimal CostUsd)
{
    public static EvaluationUsage None { get; } = new(0, 0, 0m);

    public EvaluationUsage Minus(EvaluationUsage earlier) =>
        new(InputTokens - earlier.InputTokens, OutputTokens - earlier.OutputTokens, CostUsd - earlier.CostUsd);

    public EvaluationUsage Plus(EvaluationUsage other) =>
        new(InputTokens + other.InputTokens, OutputTokens + other.OutputTokens, CostUsd + other.CostUsd);
}

/// <summary>
/// Hook for LLM extractors: a running total of the tokens and cost spent in this process, read before and after
/// each transcript. Register one in DI next to an LLM extractor; without one, eval reports no tokens or cost.
/// </summary>
public interface IEvaluationUsageMeter
{
    EvaluationUsage Total { get; }
}

/// <summary>One card as eval shows it: what the pipeline would store, or the faults that dropped it.</summary>
public sealed record EvaluatedCard(ExtractedCard Card, double? QuoteStartSeconds, bool Grounded, bool QuoteVerbatim, IReadOnlyList<CardFault> Faults, bool Stored);

/// <summary>
/// One reference idea against the stored cards: the card that found it, or none; and the stored card whose quote
/// starts nearest to it, so a miss tells an operator whether no card was near (the passage was not chosen) or one
/// was near with other words (another sentence of the passage was quoted).
/// </summary>
public sealed record ReferenceOutcome(ReferenceIdea Idea, EvaluatedCard? FoundBy, EvaluatedCard? Nearest)
{
    public bool Found => FoundBy is not null;
}

/// <summary>What eval measured on one transcript.</summary>
public sealed record TranscriptEvaluation(
    string File,
    double DurationSeconds,
    string? Error,
    IReadOnlyList<EvaluatedCard> Cards,
    IReadOnlyList<ReferenceOutcome> References,
    double ExtractionSeconds,
    EvaluationUsage Usage)
{
    public int ReferenceIdeas => References.Count;
    public int ReferenceFound => References.Count(r => r.Found);
    public int Proposed => Cards.Count;
    public int Stored => Cards.Count(c => c.Stored);
    public int Grounded => Cards.Count(c => c.Grounded);
    public int Verbatim => Cards.Count(c => c.QuoteVerbatim);
    public int FaultFree => Cards.Count(c => c.Faults.Count == 0);
    public int HeadlineEllipsis => Cards.Count(c => c.Card.Headline.TrimEnd().EndsWith('…') || c.Card.Headline.TrimEnd().EndsWith("...", StringComparison.Ordinal));
    public int WithFault(CardFault fault) => Cards.Count(c => c.Faults.Contains(fault));
}

/// <summary>Totals over every transcript of a run.</summary>
public sealed record EvaluationReport(IReadOnlyList<TranscriptEvaluation> Transcripts)
{
    private IEnumerable<TranscriptEvaluation> Read => Transcripts.Where(t => t.Error is null);

    public int Proposed => Read.Sum(t => t.Proposed);
    public int Stored => Read.Sum(t => t.Stored);
    public int Grounded => Read.Sum(t => t.Grounded);
    public int Verbatim => Read.Sum(t => t.Verbatim);
    public int FaultFree => Read.Sum(t => t.FaultFree);
    public int HeadlineEllipsis => Read.Sum(t => t.HeadlineEllipsis);
    public int ReferenceIdeas => Read.Sum(t => t.ReferenceIdeas);
    public int ReferenceFound => Read.Sum(t => t.ReferenceFound);
    public double TranscriptHours => Read.Sum(t => t.DurationSeconds) / 3600;
    public double ExtractionSeconds => Read.Sum(t => t.ExtractionSeconds);
    public double SecondsPerTranscriptHour => TranscriptHours > 0 ? ExtractionSeconds / TranscriptHours : 0;
    public EvaluationUsage Usage => Read.Aggregate(EvaluationUsage.None, (sum, t) => sum.Plus(t.Usage));
    public int WithFault(CardFault fault) => Read.Sum(t => t.WithFault(fault));

    public static double Share(int part, int whole) => whole == 0 ? 0 : (double)part / whole;
}
