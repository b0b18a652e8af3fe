using System.Text.Json;
using PodBrief.Core.Common.Text;
using PodBrief.Core.Data;
using PodBrief.Core.Transcripts.Parsing;

namespace PodBrief.Core.Transcripts;

/// <summary>
/// Turns a downloaded transcript into a <see cref="TranscriptDocument"/> of time-ordered segments. The content is
/// sniffed first when it clearly announces itself (a WEBVTT header, a JSON object, markup, cue timing lines),
/// because feeds mislabel transcripts; the declared format decides otherwise; unknown text is read as plain text.
/// </summary>
public static class TranscriptParser
{
    public static TranscriptDocument Parse(byte[] content, TranscriptFormat declared, string? charset = null) =>
        Parse(ByteDecoder.Decode(content, charset), declared);

    /// <exception cref="FormatException">The content is not a transcript in any format we read.</exception>
    public static TranscriptDocument Parse(string content, TranscriptFormat declared)
    {
        var format = Sniff(content) ?? (declared == TranscriptFormat.Unknown ? TranscriptFormat.PlainText : declared);
        var document = ParseAs(content, format);
        if (document.Segments.Count == 0 && format != declared && declared != TranscriptFormat.Unknown)
        {
            document = ParseAs(content, declared);
        }
        if (document.Segments.Count == 0)
        {
            throw new FormatException($"The {format} transcript has no text.");
        }
        return document with { Segments = InTimeOrder(document.Segments) };
    }

    /// <summary>The format the content itself shows, or null when it does not say clearly.</summary>
    public static TranscriptFormat? Sniff(string content)
    {
        var start = content.AsSpan().TrimStart("\uFEFF \t\r\n");
        if (start.StartsWith("WEBVTT", StringComparison.Ordinal))
        {
            return TranscriptFormat.WebVtt;
        }
        if (start.StartsWith("{") || start.StartsWith("["))
        {
            return TranscriptFormat.Json;
        }
        if (start.StartsWith("<"))
        {
            return TranscriptFormat.Html;
        }
        if (CueTranscriptParser.LooksTimed(content))
        {
            return TranscriptFormat.Srt;
        }
        return null;
    }

    private static TranscriptDocument ParseAs(string content, TranscriptFormat format)
    {
        try
        {
            return format switch
            {
                TranscriptFormat.WebVtt => CueTranscriptParser.ParseWebVtt(content),
                TranscriptFormat.Srt => CueTranscriptParser.ParseSrt(content),
                TranscriptFormat.Json => PodcastIndexJsonParser.Parse(content),
                TranscriptFormat.Html => HtmlTranscriptParser.Parse(content),
                _ => PlainTextTranscriptParser.Parse(content),
            };
        }
        catch (JsonException ex)
        {
            throw new FormatException($"The JSON transcript is not valid JSON: {ex.Message}", ex);
        }
    }

    /// <summary>Stable sort by start; an end before its start is pulled up to the start.</summary>
    private static List<TranscriptSegment> InTimeOrder(IReadOnlyList<TranscriptSegment> segments) =>
        segments.Select(s => s.End < s.Start ? s with { End = s.Start } : s).OrderBy(s => s.Start).ToList();
}
