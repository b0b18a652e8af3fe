using PodBrief.Core.Insights.Quality;

namespace PodBrief.Core.Insights.Offline;

/// <summary>The text of one offline card: the body (cleaned sentences) and the sentence quoted verbatim.</summary>
internal sealed record PassageCardText(string Body, CandidateSentence Quote, IReadOnlyList<int> BodySentences);

/// <summary>
/// Builds a card's body and quote from the passage around its best sentence. The body is the claim and what it
/// needs to stand alone: the sentence cleaned of disfluencies, its antecedent when it opens with a reference back,
/// and the sentences that carry it on, up to three sentences and <see cref="CardTextComposer.MaxBody"/> characters.
/// Whole sentences are chosen to fit, never cut. The quote is the passage's most quotable other sentence when one
/// is nearly as informative and about the same thing (so it says more than the body), else the claim itself verbatim.
/// </summary>
internal static class PassageCardComposer
{
    private const int MaxSentences = 3;
    private const int QuoteMinWords = 8;
    private const int QuoteMaxWords = 40;
    private const int QuoteReach = 3;

    // A separate quote must be about what the body says (cosine of the two sentences' embeddings): a neighbour
    // that changes the subject confuses the reader more than the body quoted again.
    private const double QuoteMinSimilarity = 0.5;

    // A body shorter than this leans on the next sentence when it is the same speaker carrying on.
    private const int ShortBody = 150;

    // A follow-up this short that does not carry the claim on is a reaction.
    private const int ReactionWords = 8;

    // A follow-up this short is a remark unless it states a consequence (see StatesConsequence).
    private const int RemarkWords = 5;

    // Openings that say what follows from the sentence before; with the bare ones below, the ways a sentence carries
    // the claim on.
    private static readonly string[] Consequences = ["that means", "that's why", "this means", "because ", "and that's", "therefore", "as a result", "the result", "it means", "that is why", "which means"];

    // A bare "so" or "which" is how speech goes on to anything, a remark included ("So not quite as exciting.").
    private static readonly string[] BareContinuations = ["so ", "which ", "and so"];

    private static readonly string[] Continuations = [.. Consequences, .. BareContinuations];

    /// <summary>The card text, or null when the sentence cannot stand alone even with its neighbours.</summary>
    public static PassageCardText? Compose(IReadOnlyList<CandidateSentence> all, CandidateSentence main, Func<int, double> score, Func<CandidateSentence, bool> quotable, Func<int, int, double> similarity)
    {
        var clean = CardTextComposer.Clean(main.Text);
        if (clean.Length > CardTextComposer.MaxBody)
        {
            return null;
        }
        var parts = new List<(int Index, string Text)> { (main.Index, clean) };
        if (CardFaultRules.DanglingStart(clean, null))
        {
            var previous = main.Index > 0 ? all[main.Index - 1] : null;
            if (previous is null || previous.Speaker != main.Speaker || !SentenceInformativeness.IsEligibleFollowUp(previous.Text))
            {
                return null;
            }
            var antecedent = CardTextComposer.Clean(previous.Text);
            if (CardFaultRules.DanglingStart(antecedent, null) || antecedent.Length + 1 + clean.Length > CardTextComposer.MaxBody)
            {
                return null;
            }
            parts.Insert(0, (previous.Index, antecedent));
        }
        for (var i = main.Index + 1; i < all.Count && parts.Count < MaxSentences; i++)
        {
            var next = all[i];
            var length = parts.Sum(p => p.Text.Length + 1);
            // A body that ends on a condition ("…if your audio quality isn't good.") reads on to its outcome.
            var carriesOn = Continuations.Any(c => next.Text.StartsWith(c, StringComparison.OrdinalIgnoreCase)) || CardFaultRules.EndsOnCondition(parts[^1].Text);
            // Unpunctuated captions without speaker labels end a "sentence" where a cue ended, and the next cue may
            // be the other person ("…people can deploy it where they want" / "but if they don't want to manage the
            // running … they can buy that as a service from you exactly"): only an explicit continuation is taken
            // as the same thought.
            if (!carriesOn && next.Speaker is null && !CardFaultRules.EndsOnTerminal(all[i - 1].Text))
            {
                break;
            }
            // A short aside that does not carry the claim on ("I could see that.", "Not quite as exciting.") is a
            // reaction, not part of the idea.
            if (next.Speaker != main.Speaker || !SentenceInformativeness.IsEligibleFollowUp(next.Text) || (!carriesOn && length >= ShortBody)
                || SentenceInformativeness.IsAboutTheSpeaker(next.Text) || (next.WordCount < ReactionWords && !carriesOn)
                || (next.WordCount <= RemarkWords && !StatesConsequence(next.Text)))
            {
                break;
            }
            var text = CardTextComposer.Clean(next.Text);
            // "If you have a counter app that has a single button and once you click it.": a condition without its
            // outcome leaves the card mid-thought.
            if (length + text.Length > CardTextComposer.MaxBody || FillerWording.HousekeepingPhrase(text) is not null || FillerWording.FillerShare(text) >= 0.25
                || CardFaultRules.BareDependentClause(text))
            {
                break;
            }
            parts.Add((next.Index, text));
        }
        var body = string.Join(' ', parts.Select(p => p.Text));
        var inBody = parts.Select(p => p.Index).ToList();
        return new PassageCardText(body, ChooseQuote(all, main, inBody, score, quotable, similarity), inBody);
    }

    // A sentence of RemarkWords or fewer joins the claim only when it says what follows from it ("That means fewer
    // phone trips.").
    private static bool StatesConsequence(string text) =>
        Consequences.Any(c => text.StartsWith(c, StringComparison.OrdinalIgnoreCase));

    private static CandidateSentence ChooseQuote(IReadOnlyList<CandidateSentence> all, CandidateSentence main, List<int> inBody, Func<int, double> score, Func<CandidateSentence, bool> quotable, Func<int, int, double> similarity)
    {
        var mainScore = score(main.Index);
        CandidateSentence? best = null;
        var bestScore = 0.85 * mainScore;
        for (var i = Math.Max(0, main.Index - QuoteReach); i <= Math.Min(all.Count - 1, main.Index + QuoteReach); i++)
        {
            var s = all[i];
            if (inBody.Contains(i) || s.WordCount is < QuoteMinWords or > QuoteMaxWords || !quotable(s) || CardFaultRules.DanglingStart(CardTextComposer.Clean(s.Text), null)
                || similarity(main.Index, i) < QuoteMinSimilarity)
            {
                continue;
            }
            if (score(i) > bestScore)
            {
                bestScore = score(i);
                best = s;
            }
        }
        return best ?? main;
    }
}
