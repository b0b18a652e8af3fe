using System.Text.RegularExpressions;

namespace PodBrief.Core.Insights;

/// <summary>
/// How much a sentence looks like a claim worth a card (0–1), and whether it must never become one.
/// Cheap lexical signals only; the embedding centrality in the extractor supplies the meaning.
/// </summary>
internal static partial class SentenceInformativeness
{
    public const int MinWords = 9;
    public const int MaxWords = 40;

    // Added for a measured amount (see Quantity), on top of a digit's weight: news and interviews state their
    // findings as shares and sums ("71% of people say…", "downloads are only down 0.75%"). On our reference set
    // 0.15 moved recall from 18 to 19 of 50 (0.3 gave 18), fault-free stayed 100%.
    private const double QuantityWeight = 0.15;

    // Words that signal a claim with a consequence, a cause or a comparison.
    private static readonly string[] ClaimMarkers =
    [
        "because", "means", "so that", "which is why", "the reason", "therefore", "leads to", "result", "turns out",
        "actually", "more than", "less than", "most", "better", "worse", "faster", "cheaper", "instead", "will",
        "should", "need to", "can't", "cannot", "never", "always", "every", "percent", "million", "billion",
        "problem", "important", "key", "biggest", "growth", "cost", "risk", "future", "trend",
    ];

    // Extractor-only additions to the shared housekeeping wording (FillerWording): loose substrings that are too
    // broad for the gate to drop a card on, but reason enough for the extractor to prefer another sentence.
    private static readonly string[] Boilerplate =
    [
        "thank you", "follow me", "follow us", "check out", "episode of", "this episode", "link in", "links in",
        "talk to you", "let's dive", "recorded", "the code", "tickets", "slash", "dot com", "download the", "made easy",
    ];

    // Text that addresses the reader or the model, or points somewhere: hostile or useless in a card.
    [GeneratedRegex(@"(https?://|www\.|\b[\p{L}\d-]+\.(com|org|net|io|fm|ai|co|example|app|dev|xyz|info|biz|ly|me|tv|social)\b|@\w|\bignore (all |your |the |any )?(previous |prior )?instructions\b|\bsystem prompt\b|\btell (the )?readers\b|\bvisit\b)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Forbidden();

    [GeneratedRegex(@"\b(?:(?<!not )only|the number one|the real|the main|in fact)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Emphasis();

    [GeneratedRegex(@"\d")]
    private static partial Regex Digit();

    // A measured amount: a share, a sum of money, a multiple, a count of a larger whole ("71%", "$19 million",
    // "3 times", "one out of five", "one in ten"). A year or an episode number has digits too, but measures nothing,
    // and words alone ("double down", "half the time") are too often not amounts to count.
    [GeneratedRegex(@"\d\s?%|\b\d+(?:[.,]\d+)?\s?(?:percent|per cent|million|billion|thousand|times)\b|[$€£]\s?\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|\d+) out of (?:every )?(?:two|three|four|five|six|seven|eight|nine|ten|a hundred|\d+)\b|\b(?:one|two|three|four|five|six|seven|eight|nine) in (?:every )?(?:two|three|four|five|six|seven|eight|nine|ten|a hundred)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Quantity();

    // A story about the people present ("I look down at the phone", "he told me", "we ended up"): an anecdote
    // tells what happened to someone, an insight states what holds in general.
    [GeneratedRegex(@"\b(?:i|we|he|she)\s+(?:was|were|had|did|went|said|told|got|came|saw|thought|looked|look|noticed|remember|started|tried|interviewed|ended|asked|called|walked|sat|woke|bought|heard|met|decided|just)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Narrative();

    // A general statement: something is, means, lets or needs something.
    [GeneratedRegex(@"\b(?:is|are|means|allows|lets|makes|helps|needs|gives|costs|works|grows|grew|rose|fell)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex GeneralClaim();

    // Sponsor reads: the sentences around these are part of the ad too.
    private static readonly string[] AdMarkers =
    [
        "sponsor", "brought to you", "promo code", "discount code", "use code", "offer code", "sign up", "free trial", "free months",
        "slash", "dot com", "head over to", "get started today", "special offer",
    ];

    public static bool IsForbidden(string text) => Forbidden().IsMatch(text);

    public static bool IsAdMarker(string text)
    {
        var lower = text.ToLowerInvariant();
        return AdMarkers.Any(lower.Contains);
    }

    /// <summary>A sentence may be appended to a card's body: not a question, not forbidden, not boilerplate.</summary>
    public static bool IsEligibleFollowUp(string text)
    {
        var lower = text.ToLowerInvariant();
        return !text.EndsWith('?') && !IsForbidden(text) && !IsBoilerplate(lower) && text.Split(' ').Length >= 4;
    }

    /// <summary>
    /// Talk about the speaker rather than the subject ("First of all, I was embarrassed.", "I was literally like
    /// stopping it…", "I'm an idiot.", "I am one of the only people with that watch."): a sentence a card's body
    /// must not carry on into. A sentence that opens with "I" adds the speaker's own view or story to a claim.
    /// </summary>
    public static bool IsAboutTheSpeaker(string text)
    {
        var lower = text.ToLowerInvariant().Replace('’', '\'');
        // The opening is judged without its leading filler too: "So I, I found that really interesting." is the
        // speaker's reaction, although "so" is how a continuation opens.
        var cleaned = CardTextComposer.Clean(text).ToLowerInvariant().Replace('’', '\'');
        return Narrative().IsMatch(text) || lower.Contains("i'm like", StringComparison.Ordinal) || lower.Contains("i was like", StringComparison.Ordinal)
            || FirstPersonOpeners.Any(o => lower.StartsWith(o, StringComparison.Ordinal) || cleaned.StartsWith(o, StringComparison.Ordinal));
    }

    private static readonly string[] FirstPersonOpeners = ["i ", "i'm ", "i've ", "i'd ", "i'll ", "i,", "however, i ", "but i ", "and i "];

    public static bool IsEligible(CandidateSentence sentence)
    {
        if (sentence.WordCount < MinWords || sentence.WordCount > MaxWords)
        {
            return false;
        }
        var text = sentence.Text;
        if (text.EndsWith('?') || IsForbidden(text))
        {
            return false;
        }
        var lower = text.ToLowerInvariant();
        return !IsBoilerplate(lower);
    }

    private static bool IsBoilerplate(string lower) =>
        Quality.FillerWording.HousekeepingPhrase(lower) is not null || Boilerplate.Any(lower.Contains);

    /// <summary>0–1: numbers, named things, claim words, a length in the readable window, little filler.</summary>
    public static double Score(CandidateSentence sentence)
    {
        var text = sentence.Text;
        var lower = text.ToLowerInvariant();
        var words = text.Split(' ');
        var score = 0.0;

        if (Digit().IsMatch(text))
        {
            score += 0.2;
        }
        score += Quantity().IsMatch(text) ? QuantityWeight : 0;
        var named = words.Skip(1).Count(w => w.Length > 1 && char.IsUpper(w[0]) && w != "I" && !w.StartsWith("I'", StringComparison.Ordinal));
        score += Math.Min(0.2, named * 0.07);
        var claims = ClaimMarkers.Count(m => ContainsWord(lower, m));
        score += Math.Min(0.3, claims * 0.1);
        // The point a speaker is making is often marked as the one that counts ("the only thing that…", "the number
        // one place…", "only you can…", "in fact…"): on our reference set this moved recall from 16 to 17–18 of 50
        // for weights 0.07–0.13, with no change in gate faults.
        score += Emphasis().IsMatch(text) ? 0.1 : 0;

        // Readable cards come from 14–35 word sentences.
        score += sentence.WordCount is >= 14 and <= 35 ? 0.2 : 0.05;

        var filler = words.Count(w => w.TrimEnd(',', '.').ToLowerInvariant() is "um" or "uh" or "like" or "yeah" or "okay" or "ok" or "right" or "mean" or "know" or "kind" or "sort");
        score -= Math.Min(0.3, (double)filler / words.Length * 2.0);
        var firstPerson = words.Count(w => w.ToLowerInvariant().TrimEnd(',', '.') is "i" or "i'm" or "me" or "my" or "i've" or "i'd");
        score -= Math.Min(0.15, (double)firstPerson / words.Length);
        score += text.EndsWith('.') || text.EndsWith('!') ? 0.1 : 0.0;
        // Chat about the people present ("he's probably…", "we're all here…"): hedges and here-and-now words.
        var chatter = words.Count(w => w.ToLowerInvariant().TrimEnd(',', '.') is "probably" or "maybe" or "guess" or "guys" or "gonna" or "cuz" or "wow" or "funny" or "laughing" or "haha" or "here" or "today" or "tonight");
        score -= Math.Min(0.2, chatter * 0.07);
        score -= Math.Min(0.3, Narrative().Count(text) * 0.15);
        score += GeneralClaim().IsMatch(text) ? 0.05 : 0;
        // Pronouns stand for things said before: a sentence made of them does not stand alone.
        var pronouns = words.Count(w => w.ToLowerInvariant().TrimEnd(',', '.') is "it" or "this" or "that" or "they" or "them" or "he" or "she" or "those" or "these" or "there");
        score -= Math.Min(0.15, (double)pronouns / words.Length * 1.2);
        // A sentence that starts mid-thought needs its neighbour: weaker as a card's claim.
        if (Quality.CardFaultRules.DanglingStart(CardTextComposer.Clean(text), null))
        {
            score -= 0.1;
        }
        return Math.Clamp(score, 0.0, 1.0);
    }

    private static bool ContainsWord(string lower, string phrase) => Quality.FillerWording.ContainsWords(lower, phrase);
}
