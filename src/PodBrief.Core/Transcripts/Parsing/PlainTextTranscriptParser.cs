using System.Text;
using System.Text.RegularExpressions;
using PodBrief.Core.Data;

namespace PodBrief.Core.Transcripts.Parsing;

/// <summary>
/// Parses text/plain transcripts. Lines may start with a timestamp (<c>00:01:02 text</c>, <c>[1:02]</c>,
/// <c>(01:02:03)</c>) or be a timestamp alone that times the following lines; "Name:" labels give speakers;
/// blank lines separate paragraphs. Without timestamps every paragraph is at time 0 (no meaningful time).
/// </summary>
public static partial class PlainTextTranscriptParser
{
    public static TranscriptDocument Parse(string content)
    {
        var paragraphs = new List<(double? Time, string Text)>();
        var current = new StringBuilder();
        double? currentTime = null;
        var sequence = new TimestampSequence();

        void Flush()
        {
            var text = TranscriptText.Collapse(current.ToString());
            if (text.Length > 0 && !TranscriptText.HasNoWords(text))
            {
                paragraphs.Add((currentTime, text));
            }
            current.Clear();
        }

        foreach (var rawLine in content.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n', '\r'))
        {
            var line = rawLine.Trim();
            if (line.Length == 0)
            {
                Flush();
                continue;
            }
            var match = LeadingTimestamp().Match(line);
            if (match.Success && TranscriptTimestamp.TryParse(match.Groups["t"].Value, out var seconds))
            {
                Flush();
                currentTime = sequence.Next(seconds, match.Groups["t"].Value);
                line = line[match.Length..].Trim();
                if (line.Length == 0)
                {
                    continue;
                }
            }
            current.Append(line).Append(' ');
        }
        Flush();

        var segments = new List<TranscriptSegment>(paragraphs.Count);
        for (var i = 0; i < paragraphs.Count; i++)
        {
            var start = paragraphs[i].Time ?? 0;
            var next = paragraphs.Skip(i + 1).FirstOrDefault(p => p.Time > start).Time;
            var end = paragraphs[i].Time is null ? 0 : next ?? start + (TranscriptText.CountWords(paragraphs[i].Text) / 2.5);
            segments.Add(new TranscriptSegment(start, end, null, paragraphs[i].Text));
        }
        return new TranscriptDocument(SpeakerPrefixes.Apply(segments), TranscriptFormat.PlainText, TranscriptProvenance.Publisher);
    }

    // A timestamp with at least minutes and seconds, optionally bracketed, then a separator or the end of the line.
    [GeneratedRegex(@"^[\[(]?(?<t>\d{1,2}(?::\d{2}){1,2}(?:[.,]\d{1,3})?)[\])]?(?:\s+|\s*[-–—:]\s+|$)")]
    private static partial Regex LeadingTimestamp();
}
