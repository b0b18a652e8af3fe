using System.Text.RegularExpressions;
using PodBrief.Core.Transcripts;

namespace PodBrief.Core.Insights;

/// <summary>One sentence of a transcript as the offline extractor sees it: its words joined by single spaces
/// exactly as they appear in the segments (so the grounding gate finds it verbatim).</summary>
internal sealed record CandidateSentence(int Index, string Text, int WordCount, int FirstSegment, double Start, string? Speaker);

/// <summary>
/// Builds sentences from timed segments. Segments may be caption cues that break mid-sentence, whole paragraphs,
/// or single words, so sentences are rebuilt from the word stream: a sentence ends at terminal punctuation
/// followed by a capitalized word, at a change of speaker, or — for unpunctuated speech-to-text — at a length cap.
/// </summary>
internal static partial class OfflineSentenceBuilder
{
    private const int SoftMaxWords = 38;
    private const int HardMaxWords = 50;

    // Abbreviations whose period does not end a sentence.
    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "mr.", "mrs.", "ms.", "dr.", "prof.", "st.", "vs.", "etc.", "e.g.", "i.e.", "u.s.", "u.k.", "inc.", "jr.", "sr.", "no.", "approx.",
    };

    [GeneratedRegex(@"^\s*(?<name>[\p{Lu}][\p{L}'.\-]*(?:\s+[\p{Lu}][\p{L}'.\-]*){0,2}):\s")]
    private static partial Regex SpeakerPrefix();

    public static List<CandidateSentence> Build(IReadOnlyList<TranscriptSegment> segments)
    {
        var sentences = new List<CandidateSentence>();
        var current = new List<string>();
        var firstSegment = -1;
        string? speaker = null;
        string? previousSpeaker = null;

        void Flush()
        {
            if (current.Count > 0)
            {
                var segment = segments[firstSegment];
                sentences.Add(new CandidateSentence(sentences.Count, string.Join(' ', current), current.Count, firstSegment, segment.Start, speaker));
                current.Clear();
            }
        }

        for (var s = 0; s < segments.Count; s++)
        {
            var text = segments[s].Text;
            var segmentSpeaker = segments[s].Speaker;
            var prefix = SpeakerPrefix().Match(text);
            var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            var skip = 0;
            if (prefix.Success)
            {
                segmentSpeaker = prefix.Groups["name"].Value;
                skip = prefix.Groups["name"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
            }
            if (segmentSpeaker is not null && previousSpeaker is not null && segmentSpeaker != previousSpeaker)
            {
                Flush();
            }
            if (prefix.Success)
            {
                Flush();
            }
            previousSpeaker = segmentSpeaker ?? previousSpeaker;

            for (var w = skip; w < words.Length; w++)
            {
                if (current.Count == 0)
                {
                    firstSegment = s;
                    speaker = segmentSpeaker ?? previousSpeaker;
                }
                current.Add(words[w]);
                var next = w + 1 < words.Length ? words[w + 1] : NextWord(segments, s);
                if (EndsSentence(words[w], next)
                    || (current.Count >= SoftMaxWords && EndsClause(words[w]))
                    || current.Count >= HardMaxWords)
                {
                    Flush();
                }
            }
        }
        Flush();
        return sentences;
    }

    private static string? NextWord(IReadOnlyList<TranscriptSegment> segments, int s)
    {
        for (var i = s + 1; i < segments.Count; i++)
        {
            var words = segments[i].Text.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries);
            if (words.Length > 0)
            {
                return words[0];
            }
        }
        return null;
    }

    private static bool EndsSentence(string word, string? next)
    {
        var trimmed = word.TrimEnd('"', '\'', ')', ']', '”', '’');
        if (trimmed.Length == 0 || trimmed[^1] is not ('.' or '?' or '!' or '…'))
        {
            return false;
        }
        if (Abbreviations.Contains(trimmed))
        {
            return false;
        }
        if (next is null)
        {
            return true;
        }
        var first = next.TrimStart('"', '\'', '(', '[', '“', '‘');
        return first.Length == 0 || char.IsUpper(first[0]) || char.IsDigit(first[0]);
    }

    private static bool EndsClause(string word) => word.EndsWith(',') || word.EndsWith(';') || word.EndsWith(':');
}
