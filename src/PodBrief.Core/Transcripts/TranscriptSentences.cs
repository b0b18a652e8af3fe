using System.Text;
using PodBrief.Core.Transcripts.Parsing;

namespace PodBrief.Core.Transcripts;

/// <summary>
/// Turns timed segments (cues, phrases, paragraphs) into timed sentences with speakers: what the extractors and
/// the grounding gate work on. A sentence keeps its speaker and the time it starts: the start of the segment it
/// starts in, moved forward by its share of that segment's characters when it starts mid-segment (a 30-second
/// HTML paragraph holds several sentences). A speaker change always ends a sentence; a sentence with no
/// punctuation for <see cref="MaxWords"/> words is cut at the next segment boundary, and runs of speech without
/// punctuation (lower-case auto-captions) are cut where <see cref="UnpunctuatedBreaks"/> plans.
/// </summary>
public static class TranscriptSentences
{
    public const int MaxWords = 60;

    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "mr", "mrs", "ms", "dr", "prof", "st", "sr", "jr", "vs", "etc", "e.g", "i.e", "inc", "ltd", "co", "no",
        "vol", "approx", "dept", "est", "fig", "mt", "u.s", "u.k", "a.m", "p.m",
    };

    public static IReadOnlyList<TranscriptSegment> Split(TranscriptDocument document)
    {
        var sentences = new List<TranscriptSegment>();
        var text = new StringBuilder();
        double start = 0, end = 0;
        string? speaker = null;
        var words = 0;

        void Flush()
        {
            var sentence = TranscriptText.Collapse(text.ToString());
            if (sentence.Length > 0 && TranscriptText.HasNoWords(sentence) && sentences.Count > 0)
            {
                // A stray ". ," between sentences belongs to the one before; nothing is dropped.
                sentences[^1] = sentences[^1] with { Text = sentences[^1].Text + " " + sentence };
            }
            else if (sentence.Length > 0)
            {
                sentences.Add(new TranscriptSegment(start, Math.Max(start, end), speaker, sentence));
            }
            text.Clear();
            words = 0;
        }

        // Without punctuation, the breaks of a whole run are planned together from pauses and clause openers, inside
        // long cues too.
        var (segments, unpunctuatedAt, insideCue) = UnpunctuatedBreaks.SplitAtOpeners(document.Segments, UnpunctuatedRegions(document.Segments));
        var breakBefore = UnpunctuatedBreaks.Plan(segments, unpunctuatedAt, insideCue);
        for (var index = 0; index < segments.Count; index++)
        {
            var segment = segments[index];
            if (text.Length > 0 && (segment.Speaker != speaker || words >= MaxWords || (unpunctuatedAt[index] && breakBefore[index])))
            {
                Flush();
            }
            var body = segment.Text;
            var from = 0;
            while (from < body.Length)
            {
                var boundary = NextBoundary(body, from);
                var piece = body[from..boundary];
                if (text.Length == 0)
                {
                    if (piece.Trim().Length == 0)
                    {
                        from = boundary;
                        continue;
                    }
                    start = TimeAt(segment, body, from + (piece.Length - piece.TrimStart().Length));
                    speaker = segment.Speaker;
                }
                text.Append(piece).Append(' ');
                words += TranscriptText.CountWords(piece);
                end = boundary >= body.Length ? segment.End : TimeAt(segment, body, boundary);
                if (boundary < body.Length || EndsSentence(body, body.Length))
                {
                    Flush();
                }
                from = boundary;
            }
        }
        Flush();
        return sentences;
    }

    /// <summary>
    /// Per segment: whether the speech around it (about <see cref="RegionWords"/> words either side) has fewer than
    /// one sentence end per 80 words — auto-captions or CJK speech-to-text without punctuation, where cue boundaries
    /// and pauses have to stand in for sentence ends. Decided per region, not per document: one episode's captions
    /// can be punctuated for twenty minutes and run on for the next forty.
    /// </summary>
    private static bool[] UnpunctuatedRegions(IReadOnlyList<TranscriptSegment> segments)
    {
        var count = segments.Count;
        var words = new long[count + 1];
        var ends = new long[count + 1];
        for (var i = 0; i < count; i++)
        {
            words[i + 1] = words[i] + TranscriptText.CountWords(segments[i].Text);
            ends[i + 1] = ends[i] + segments[i].Text.Count(c => c is '.' or '!' or '?' or '。' or '！' or '？');
        }
        var result = new bool[count];
        int from = 0, to = 0;
        for (var i = 0; i < count; i++)
        {
            // The window [from, to) holds the segments within RegionWords words before and after segment i.
            while (words[i] - words[from] > RegionWords)
            {
                from++;
            }
            to = Math.Max(to, i + 1);
            while (to < count && words[to] - words[i + 1] < RegionWords)
            {
                to++;
            }
            var w = words[to] - words[from];
            // At the edge of a run-on stretch the wide window still sees the punctuated side: a hundred words
            // without one sentence end on either side decide it there.
            var sparse = w >= 80 && (ends[to] - ends[from]) * 80 < w;
            result[i] = sparse || NoEndWithin(i, +1) || NoEndWithin(i, -1);
        }
        return result;

        bool NoEndWithin(int i, int direction)
        {
            long seen = 0;
            for (var j = i; j >= 0 && j < count && seen < EdgeWords; j += direction)
            {
                if (ends[j + 1] > ends[j])
                {
                    return false;
                }
                seen += words[j + 1] - words[j];
            }
            return seen >= EdgeWords;
        }
    }

    private const int RegionWords = 200;
    private const int EdgeWords = 100;

    /// <summary>The time of a character of a segment's text: its share of the segment's span.</summary>
    internal static double TimeAt(TranscriptSegment segment, string body, int index) =>
        index <= 0 || body.Length == 0 ? segment.Start : segment.Start + ((segment.End - segment.Start) * index / body.Length);

    /// <summary>Index just past the next sentence end inside the text, or its length when none is inside.</summary>
    private static int NextBoundary(string body, int from)
    {
        for (var i = from; i < body.Length; i++)
        {
            if (body[i] is '。' or '！' or '？')
            {
                return i + 1 < body.Length ? i + 1 : body.Length;
            }
            if (body[i] is not ('.' or '!' or '?' or '…'))
            {
                continue;
            }
            var after = i + 1;
            while (after < body.Length && body[after] is '.' or '!' or '?' or '"' or '\'' or '”' or '’' or ')' or ']')
            {
                after++;
            }
            if (after >= body.Length)
            {
                return body.Length;
            }
            if (!char.IsWhiteSpace(body[after]) || !EndsSentence(body, i + 1))
            {
                i = after - 1;
                continue;
            }
            var next = after;
            while (next < body.Length && char.IsWhiteSpace(body[next]))
            {
                next++;
            }
            // "e.g. the": a lower-case continuation is not a new sentence.
            if (next < body.Length && char.IsLower(body[next]))
            {
                i = after - 1;
                continue;
            }
            return next;
        }
        return body.Length;
    }

    /// <summary>Whether the punctuation ending just before <paramref name="index"/> ends a sentence (not "Mr." or "J.").</summary>
    private static bool EndsSentence(string body, int index)
    {
        var trimmed = body.AsSpan(0, index).TrimEnd("\"'”’)]");
        if (trimmed.IsEmpty || trimmed[^1] is not ('.' or '!' or '?' or '…' or '。' or '！' or '？'))
        {
            return false;
        }
        if (trimmed[^1] != '.')
        {
            return true;
        }
        var wordStart = trimmed.LastIndexOfAny(' ', '(', '"') + 1;
        var word = trimmed[wordStart..^1];
        if (word.Length == 1 && char.IsUpper(word[0]))
        {
            return false; // an initial: "J. R. R. Tolkien"
        }
        return !Abbreviations.Contains(word.ToString());
    }
}
