using PodBrief.Core.Insights.Quality;
using PodBrief.Core.Transcripts;

namespace PodBrief.Core.Insights;

/// <summary>A card that passed screening, with where the grounding gate found its quote.</summary>
public sealed record ScreenedCard(ExtractedCard Card, GroundedQuote Quote);

/// <summary>What screening kept and why it dropped the rest.</summary>
public sealed record ScreeningResult(IReadOnlyList<ScreenedCard> Kept, DropTally Dropped);

/// <summary>
/// The checks every proposed card passes before it is stored, whichever extractor proposed it: the quote must be
/// found verbatim (grounding gate), the card must pass output validation and the quality gate
/// (<see cref="CardQuality"/>), and no two cards may share a quote. Used by <see cref="ExtractEpisodeJob"/> and by
/// the `insights eval` verb, so what eval reports is exactly what the pipeline would store.
/// </summary>
public static class CardScreening
{
    public static ScreeningResult Screen(IReadOnlyList<ExtractedCard> proposed, TranscriptDocument document, IReadOnlyCollection<string> allowedTopics, string? language)
    {
        var gate = new GroundingGate(document);
        var kept = new List<ScreenedCard>();
        var dropped = new DropTally();
        var quotes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var card in proposed)
        {
            var located = gate.Locate(card.Quote);
            if (located is null)
            {
                dropped.Add(DropTally.QuoteNotFound);
                continue;
            }
            var (valid, _) = CardValidator.Validate(card with { Quote = located.VerbatimText }, allowedTopics, language);
            if (valid is null)
            {
                dropped.Add(DropTally.Invalid);
                continue;
            }
            var faults = CardQuality.Check(valid, language);
            if (faults.Count > 0)
            {
                // Counted by its first fault, so the per-kind counts add up to the cards dropped.
                dropped.Add(faults[0]);
                continue;
            }
            if (!quotes.Add(valid.Quote))
            {
                dropped.Add(DropTally.DuplicateQuote);
                continue;
            }
            kept.Add(new ScreenedCard(valid, located));
        }
        return new ScreeningResult(kept, dropped);
    }
}
