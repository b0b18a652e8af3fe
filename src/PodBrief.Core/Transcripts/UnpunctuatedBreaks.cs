using PodBrief.Core.Transcripts.Parsing;

namespace PodBrief.Core.Transcripts;

/// <summary>
/// Where sentences end in speech-to-text without punctuation (auto-captions, word-level cues, CJK runs). The
/// evidence is at cue boundaries: how long the speaker paused, whether the next cue opens a clause ("so…", "but…",
/// "we…") and whether the cue before ends on a word no clause ends on ("the", "of", "we"); inside a long cue, only
/// the clause openers (see <see cref="SplitAtOpeners"/>). A greedy cut at a word
/// limit lands mid-phrase ("…part of our business model is that we basically" / "Heroku and we plan…"), so the
/// breaks of a whole run are chosen together: a dynamic programme over its cue boundaries that maximises the
/// evidence at the chosen boundaries minus a cost per sentence and for sentences too short or too long to read.
/// </summary>
internal static class UnpunctuatedBreaks
{
    // What one sentence costs: a boundary needs at least this much evidence to be worth a cut of its own.
    private const double SentenceCost = 1.5;

    // Sentences this long read as one thought; past it every word costs, and past TranscriptSentences.MaxWords no break is skipped.
    private const int ComfortableWords = 35;
    private const double PerWordOverComfort = 0.4;
    private const int MinWords = 6;

    private static readonly HashSet<string> StrongOpeners = new(StringComparer.Ordinal)
    {
        "so", "but", "now", "okay", "ok", "well", "because", "yeah", "yes", "actually", "anyway", "then", "also", "however",
    };

    private static readonly HashSet<string> WeakOpeners = new(StringComparer.Ordinal)
    {
        "i", "i'm", "i've", "i'd", "we", "we're", "we've", "you", "you're", "it's", "that's", "there's", "they", "they're",
        "this", "these", "what", "how", "why", "if", "and", "let's", "maybe",
    };

    // A clause does not end on these: an article, a preposition, a conjunction, a possessive or a subject waiting for its verb.
    private static readonly HashSet<string> NeverLast = new(StringComparer.Ordinal)
    {
        "the", "a", "an", "and", "or", "but", "of", "to", "with", "for", "from", "because", "if", "than", "my", "your", "our",
        "their", "its", "his", "her", "very", "into", "at", "by", "as", "which", "every", "i", "we", "they", "he", "she",
        "i'm", "we're", "they're", "it's", "that's", "there's", "um", "uh",
    };

    // A clause seldom ends on these, though it can ("I think so", "we could", "two dollars each"); "is" and "was" end one too often to count ("what it was").
    private static readonly HashSet<string> RarelyLast = new(StringComparer.Ordinal)
    {
        "that", "be", "will", "would", "can", "could", "should", "have", "has", "had", "do",
        "does", "did", "just", "really", "basically", "so", "like", "on", "in", "about", "however",
        "each", "some", "any", "single",
    };

    // A clause does not start on these: the cue continues the phrase before it.
    private static readonly HashSet<string> NeverFirst = new(StringComparer.Ordinal) { "of", "than", "to", "'s", "n't", "is", "are" };

    // A cue must keep at least this many words on either side of a cut made inside it.
    private const int MinPieceWords = 3;

    // Inside a cue there is no pause to go by, and "so", "and" or "we" open a clause there less often than at a cue
    // boundary ("…is so much faster"), so an opener inside a cue counts this much of its evidence: enough to be where
    // a too-long sentence is cut, never enough for a cut on its own.
    private const double InsideCueWeight = 0.5;

    /// <summary>
    /// Long unpunctuated cues (timestamped lines of 12–15 words, paragraphs) hold sentence ends inside them, where the
    /// planner, which cuts only between segments, cannot reach: "…in your hello world example you have | this idea of
    /// an expression…". Each such cue is split before the clause openers it contains into pieces of the same speaker,
    /// timed by their share of its characters; the text, joined again, is unchanged. The flags say which pieces
    /// continue the cue before them.
    /// </summary>
    public static (List<TranscriptSegment> Segments, List<bool> Unpunctuated, List<bool> InsideCue) SplitAtOpeners(IReadOnlyList<TranscriptSegment> segments, bool[] unpunctuated)
    {
        var pieces = new List<TranscriptSegment>(segments.Count);
        var flags = new List<bool>(segments.Count);
        var inside = new List<bool>(segments.Count);
        for (var i = 0; i < segments.Count; i++)
        {
            var segment = segments[i];
            var cuts = unpunctuated[i] ? CutsBeforeOpeners(segment.Text) : [];
            if (cuts.Count == 0)
            {
                pieces.Add(segment);
                flags.Add(unpunctuated[i]);
                inside.Add(false);
                continue;
            }
            var from = 0;
            foreach (var cut in cuts.Append(segment.Text.Length))
            {
                pieces.Add(segment with
                {
                    Start = TranscriptSentences.TimeAt(segment, segment.Text, from),
                    End = TranscriptSentences.TimeAt(segment, segment.Text, cut),
                    Text = segment.Text[from..cut].Trim(),
                });
                flags.Add(unpunctuated[i]);
                inside.Add(from > 0);
                from = cut;
            }
        }
        return (pieces, flags, inside);
    }

    private static List<int> CutsBeforeOpeners(string text)
    {
        var cuts = new List<int>();
        var words = 0;
        var total = TranscriptText.CountWords(text);
        for (var i = 1; i < text.Length; i++)
        {
            if (text[i - 1] != ' ' || text[i] == ' ')
            {
                continue;
            }
            words++;
            var next = text.IndexOf(' ', i);
            var word = Normalise(text.AsSpan(i, (next < 0 ? text.Length : next) - i));
            if (words >= MinPieceWords && total - words >= MinPieceWords && (StrongOpeners.Contains(word) || WeakOpeners.Contains(word)))
            {
                cuts.Add(i);
            }
        }
        return cuts;
    }

    /// <summary>
    /// Per segment: true where a sentence should end before it. Only boundaries inside a run of unpunctuated segments
    /// of one speaker are decided here; the caller still ends sentences at punctuation and speaker changes.
    /// </summary>
    public static bool[] Plan(IReadOnlyList<TranscriptSegment> segments, IReadOnlyList<bool> unpunctuated, IReadOnlyList<bool> insideCue)
    {
        var breakBefore = new bool[segments.Count];
        var from = 0;
        while (from < segments.Count)
        {
            if (!unpunctuated[from])
            {
                from++;
                continue;
            }
            var to = from + 1;
            while (to < segments.Count && unpunctuated[to] && segments[to].Speaker == segments[from].Speaker)
            {
                to++;
            }
            PlanRun(segments, insideCue, from, to, breakBefore);
            from = to;
        }
        return breakBefore;
    }

    /// <summary>Chooses the breaks inside segments [from, to): best[j] is the best plan for the segments up to j.</summary>
    private static void PlanRun(IReadOnlyList<TranscriptSegment> segments, IReadOnlyList<bool> insideCue, int from, int to, bool[] breakBefore)
    {
        var n = to - from;
        var words = new int[n + 1];
        for (var k = 0; k < n; k++)
        {
            words[k + 1] = words[k] + TranscriptText.CountWords(segments[from + k].Text);
        }
        var best = new double[n + 1];
        var previous = new int[n + 1];
        for (var j = 1; j <= n; j++)
        {
            best[j] = double.NegativeInfinity;
            for (var i = j - 1; i >= 0; i--)
            {
                var length = words[j] - words[i];
                if (length > TranscriptSentences.MaxWords && i < j - 1)
                {
                    break;
                }
                var score = best[i] - SentenceCost - LengthPenalty(length) + (i > 0 ? BoundaryEvidence(segments, insideCue, from + i) : 0);
                if (score > best[j])
                {
                    best[j] = score;
                    previous[j] = i;
                }
            }
        }
        for (var j = previous[n]; j > 0; j = previous[j])
        {
            breakBefore[from + j] = true;
        }
    }

    private static double BoundaryEvidence(IReadOnlyList<TranscriptSegment> segments, IReadOnlyList<bool> insideCue, int next)
    {
        var evidence = Evidence(segments[next - 1], segments[next]);
        return insideCue[next] && evidence > 0 ? evidence * InsideCueWeight : evidence;
    }

    private static double LengthPenalty(int words) =>
        words < MinWords ? 4 : words > ComfortableWords ? (words - ComfortableWords) * PerWordOverComfort : 0;

    /// <summary>How much a boundary between two cues looks like a sentence end (negative: it looks like mid-phrase).</summary>
    internal static double Evidence(TranscriptSegment before, TranscriptSegment next)
    {
        var pause = Math.Clamp(next.Start - before.End, 0, 1.5);
        var score = 2 * pause;
        var last = LastWord(before.Text);
        var first = FirstWord(next.Text);
        if (StrongOpeners.Contains(first))
        {
            score += 1.6; // enough for a cut on its own: spoken "so…" and "but…" mostly start a sentence
        }
        else if (WeakOpeners.Contains(first))
        {
            score += 0.5;
        }
        // "…opens the page and | so that means…": the conjunction belongs to the clause the opener starts, and the card
        // text drops it from the end of the sentence before (CardTextComposer.Clean).
        var conjunctionBeforeOpener = last is "and" or "but" or "or" && StrongOpeners.Contains(first);
        if (NeverLast.Contains(last) && !conjunctionBeforeOpener)
        {
            score -= 3;
        }
        else if (RarelyLast.Contains(last))
        {
            score -= 1;
        }
        if (NeverFirst.Contains(first))
        {
            score -= 2;
        }
        return score;
    }

    private static string FirstWord(string text)
    {
        var trimmed = text.AsSpan().TrimStart();
        var end = trimmed.IndexOfAny(' ', ',', '\n');
        return Normalise(end < 0 ? trimmed : trimmed[..end]);
    }

    private static string LastWord(string text)
    {
        var trimmed = text.AsSpan().TrimEnd();
        var start = trimmed.LastIndexOfAny(' ', '\n') + 1;
        return Normalise(trimmed[start..]);
    }

    private static string Normalise(ReadOnlySpan<char> word) =>
        word.Trim(",;:\"“”()").ToString().Replace('’', '\'').ToLowerInvariant();
}
