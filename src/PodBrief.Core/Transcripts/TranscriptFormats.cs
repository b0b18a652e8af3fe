using PodBrief.Core.Data;

namespace PodBrief.Core.Transcripts;

/// <summary>
/// Decides a transcript's format from what the feed says. Feeds write non-standard types (application/srt,
/// text/srt, application/x-subrip) and extensionless URLs (…/transcript); the URL's extension decides when it has
/// a known one, the type attribute otherwise; the downloaded content is sniffed when both are missing or wrong
/// (<see cref="TranscriptParser"/>).
/// </summary>
public static class TranscriptFormats
{
    public static TranscriptFormat FromMediaType(string? mediaType)
    {
        if (string.IsNullOrWhiteSpace(mediaType))
        {
            return TranscriptFormat.Unknown;
        }
        var type = mediaType.Split(';', 2)[0].Trim().ToLowerInvariant();
        return type switch
        {
            "application/json" or "text/json" or "application/x-json" => TranscriptFormat.Json,
            "text/vtt" or "text/webvtt" or "application/vtt" or "text/x-vtt" => TranscriptFormat.WebVtt,
            "application/srt" or "text/srt" or "application/x-subrip" or "text/x-srt" or "application/x-srt"
                or "text/x-subrip" or "application/subrip" => TranscriptFormat.Srt,
            "text/html" or "application/xhtml+xml" => TranscriptFormat.Html,
            "text/plain" => TranscriptFormat.PlainText,
            _ when type.EndsWith("+json", StringComparison.Ordinal) => TranscriptFormat.Json,
            _ => TranscriptFormat.Unknown,
        };
    }

    public static TranscriptFormat FromUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return TranscriptFormat.Unknown;
        }
        var path = Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.AbsolutePath : url.Split('?', '#')[0];
        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".json" => TranscriptFormat.Json,
            ".vtt" or ".webvtt" => TranscriptFormat.WebVtt,
            ".srt" => TranscriptFormat.Srt,
            ".html" or ".htm" => TranscriptFormat.Html,
            ".txt" => TranscriptFormat.PlainText,
            _ => TranscriptFormat.Unknown,
        };
    }

    /// <summary>The format a &lt;podcast:transcript&gt; link most likely has: its URL extension, else its type.</summary>
    public static TranscriptFormat Decide(string? url, string? mediaType)
    {
        var fromUrl = FromUrl(url);
        return fromUrl != TranscriptFormat.Unknown ? fromUrl : FromMediaType(mediaType);
    }

    /// <summary>The canonical media type of a format (what provenance records).</summary>
    public static string? MediaTypeOf(TranscriptFormat format) => format switch
    {
        TranscriptFormat.Json => "application/json",
        TranscriptFormat.WebVtt => "text/vtt",
        TranscriptFormat.Srt => "application/x-subrip",
        TranscriptFormat.Html => "text/html",
        TranscriptFormat.PlainText => "text/plain",
        _ => null,
    };

    /// <summary>Whether the format carries real per-segment times (what grounding needs).</summary>
    public static bool IsTimed(TranscriptFormat format) =>
        format is TranscriptFormat.Json or TranscriptFormat.WebVtt or TranscriptFormat.Srt;
}
