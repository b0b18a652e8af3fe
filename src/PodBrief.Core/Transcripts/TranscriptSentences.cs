using System.Text;
using PodBrief.Core.Transcripts.Parsing;

namespace PodBrief.Core.Transcripts;

/// <summary>
/// Turns timed segments (cues, phrases, paragraphs) into timed sentences with speakers: what the extractors and
/// the grounding gate work on. A sentence keeps its speaker and the time it starts: the start of the segment it
/// starts in, moved forward by its share of that segment's characters when it starts mid-segment (a 30-second
/// HTML paragraph holds several sentences). A speaker change always ends a sentence; a sentence with no
/// punctuation for <see cref="MaxWords"/> words (lower-case auto-captions) is cut at the next segment boundary.
/// </summary>
public static class TranscriptSentences
{
    public const int MaxWords = 60;

    /// <summary>In unpunctuated speech-to-text, a silence this long between cues ends a sentence (once it has
    /// <see cref="MinWordsBeforePause"/> words): the speaker's own pause is the best boundary there is.</summary>
    public const double PauseSeconds = 0.8;
    public const int MinWordsBeforePause = 8;

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

        var unpunctuated = IsUnpunctuated(document.Segments);
        foreach (var segment in document.Segments)
        {
            var paused = unpunctuated && words >= MinWordsBeforePause && segment.Start - end >= PauseSeconds;
            if (text.Length > 0 && (segment.Speaker != speaker || words >= MaxWords || paused || (unpunctuated && words >= MaxWords / 2)))
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

    /// <summary>Fewer than one sentence end per 80 words: auto-captions or CJK speech-to-text without punctuation,
    /// where cue boundaries and pauses have to stand in for sentence ends.</summary>
    private static bool IsUnpunctuated(IReadOnlyList<TranscriptSegment> segments)
    {
        long words = 0, ends = 0;
        foreach (var segment in segments)
        {
            words += TranscriptText.CountWords(segment.Text);
            ends += segment.Text.Count(c => c is '.' or '!' or '?' or '。' or '！' or '？');
        }
        return words >= 80 && ends * 80 < words;
    }

    private static double TimeAt(TranscriptSegment segment, string body, int index) =>
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
