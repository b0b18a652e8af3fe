using PodBrief.Core.Insights.Quality;

namespace PodBrief.Core.Insights.Llm;

/// <summary>
/// What happens to one card the model wrote: kept (safe, grounded, and free of <see cref="CardQuality"/> faults),
/// worth asking about once more (quote not found verbatim, or a quality fault the model can fix), or dropped outright
/// (links, markup, relayed instructions, or lengths the screen refuses — a re-ask would only invite them again).
/// </summary>
public sealed class LlmCardReview(GroundingGate gate, IReadOnlyCollection<string> topicSlugs, string? language)
{
    public const string QuoteNotFound = "the quote is not in the transcript word for word";

    public Verdict Review(CardDto card)
    {
        if (LlmCardScreen.Screen(card, topicSlugs) is not { } screened)
        {
            return new Verdict.Dropped("unsafe or over-long card text");
        }
        if (gate.Locate(screened.Quote) is not { } found)
        {
            return new Verdict.Retry([QuoteNotFound]);
        }
        // The transcript's own words, and its speaker, replace the model's copy.
        var grounded = screened with { Quote = found.VerbatimText, Speaker = found.Speaker };
        var faults = CardQuality.Check(grounded, language);
        return faults.Count == 0 ? new Verdict.Kept(grounded) : new Verdict.Retry([.. faults.Select(CardQuality.Describe)]);
    }

    public abstract record Verdict
    {
        public sealed record Kept(ExtractedCard Card) : Verdict;

        public sealed record Retry(IReadOnlyList<string> Problems) : Verdict;

        public sealed record Dropped(string Reason) : Verdict;
    }
}
