using System.Text.RegularExpressions;
using PodBrief.Core.Data;

namespace PodBrief.Core.Transcripts.Parsing;

/// <summary>
/// Parses WebVTT and SRT, which share their shape: blocks of an optional identifier, a timing line
/// <c>start --&gt; end [settings]</c> and text lines. Found by their timing lines rather than by blank lines,
/// because real files miss blank lines and number lines. WebVTT NOTE/STYLE/REGION blocks are skipped (W3C WebVTT
/// §4); voice tags <c>&lt;v Name&gt;</c> give the speaker; otherwise "Name:" labels do (see <see cref="SpeakerPrefixes"/>).
/// </summary>
public static partial class CueTranscriptParser
{
    public static TranscriptDocument ParseWebVtt(string content) => new(Parse(content), TranscriptFormat.WebVtt, TranscriptProvenance.Publisher);

    public static TranscriptDocument ParseSrt(string content) => new(Parse(content), TranscriptFormat.Srt, TranscriptProvenance.Publisher);

    /// <summary>True when the text has a cue timing line near its start.</summary>
    public static bool LooksTimed(string content)
    {
        using var reader = new StringReader(content);
        for (var i = 0; i < 12 && reader.ReadLine() is { } line; i++)
        {
            if (TryParseTiming(line, out _, out _))
            {
                return true;
            }
        }
        return false;
    }

    private static IReadOnlyList<TranscriptSegment> Parse(string content)
    {
        var cues = new List<TranscriptSegment>();
        var lines = content.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        var text = new List<string>();
        double start = 0, end = 0;
        var inCue = false;
        var skippingBlock = false;
        var previousBlank = true;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd();
            if (TryParseTiming(line, out var s, out var e))
            {
                if (inCue)
                {
                    // A missing blank line: the previous line may be this cue's number or identifier.
                    if (text.Count > 0 && !previousBlank && IsIdentifier(text[^1]))
                    {
                        text.RemoveAt(text.Count - 1);
                    }
                    AddCue(cues, start, end, text);
                }
                text.Clear();
                (start, end, inCue, skippingBlock) = (s, e, true, false);
                previousBlank = false;
                continue;
            }
            var blank = line.Trim().Length == 0;
            if (blank)
            {
                if (inCue)
                {
                    AddCue(cues, start, end, text);
                    text.Clear();
                    inCue = false;
                }
                skippingBlock = false;
                previousBlank = true;
                continue;
            }
            if (!inCue && previousBlank && BlockKeyword().IsMatch(line))
            {
                skippingBlock = true; // NOTE, STYLE, REGION: comments and styling, never spoken text
            }
            if (inCue && !skippingBlock)
            {
                text.Add(line);
            }
            previousBlank = false;
        }
        if (inCue)
        {
            AddCue(cues, start, end, text);
        }
        return SpeakerPrefixes.Apply(cues);
    }

    private static void AddCue(List<TranscriptSegment> cues, double start, double end, List<string> lines)
    {
        if (lines.Count == 0)
        {
            return;
        }
        var raw = string.Join('\n', lines);
        if (end < start)
        {
            end = start;
        }
        var voices = VoicePattern().Matches(raw);
        if (voices.Count == 0)
        {
            AddText(cues, start, end, null, raw);
            return;
        }
        // Text before the first voice tag belongs to no one we know; each <v> span is one speaker's words.
        AddText(cues, start, end, null, raw[..voices[0].Index]);
        for (var v = 0; v < voices.Count; v++)
        {
            var from = voices[v].Index + voices[v].Length;
            var to = v + 1 < voices.Count ? voices[v + 1].Index : raw.Length;
            var speaker = TranscriptText.Collapse(TranscriptText.StripMarkup(voices[v].Groups["name"].Value));
            AddText(cues, start, end, speaker.Length == 0 ? null : speaker, raw[from..to]);
        }
    }

    private static void AddText(List<TranscriptSegment> cues, double start, double end, string? speaker, string raw)
    {
        var text = TranscriptText.Collapse(TranscriptText.StripMarkup(raw));
        if (text.Length > 0 && !TranscriptText.HasNoWords(text))
        {
            cues.Add(new TranscriptSegment(start, end, speaker, text));
        }
    }

    private static bool TryParseTiming(string line, out double start, out double end)
    {
        start = end = 0;
        var arrow = line.IndexOf("-->", StringComparison.Ordinal);
        if (arrow <= 0)
        {
            return false;
        }
        var left = line.AsSpan(0, arrow).Trim();
        var right = line.AsSpan(arrow + 3).TrimStart();
        var space = right.IndexOfAny(' ', '\t'); // cue settings follow the end time (align:start position:10%)
        if (space >= 0)
        {
            right = right[..space];
        }
        return TranscriptTimestamp.TryParse(left, out start) && TranscriptTimestamp.TryParse(right, out end);
    }

    private static bool IsIdentifier(string line) => line.Trim().All(char.IsDigit);

    [GeneratedRegex(@"<v(?:\.[^\s>]*)?\s+(?<name>[^>]*)>")]
    private static partial Regex VoicePattern();

    [GeneratedRegex(@"^(NOTE|STYLE|REGION)(\s|$)")]
    private static partial Regex BlockKeyword();
}
