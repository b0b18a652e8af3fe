using PodBrief.Core.Transcripts;

namespace PodBrief.Core.Feeds.Ingestion;

/// <summary>
/// A first guess of a transcript link's format from its type attribute (as feeds write it: application/srt,
/// application/x-subrip, text/vtt, …), else from the URL's extension. The transcript fetcher decides finally.
/// </summary>
public static class TranscriptFormatGuess
{
    public static TranscriptFormat From(string? mediaType, string url)
    {
        var type = mediaType?.Split(';')[0].Trim().ToLowerInvariant() ?? "";
        if (type.Contains("json", StringComparison.Ordinal))
        {
            return TranscriptFormat.Json;
        }
        if (type.Contains("vtt", StringComparison.Ordinal))
        {
            return TranscriptFormat.WebVtt;
        }
        if (type.Contains("srt", StringComparison.Ordinal) || type.Contains("subrip", StringComparison.Ordinal))
        {
            return TranscriptFormat.Srt;
        }
        if (type.Contains("html", StringComparison.Ordinal))
        {
            return TranscriptFormat.Html;
        }
        if (type == "text/plain")
        {
            return TranscriptFormat.PlainText;
        }
        var path = Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.AbsolutePath : url;
        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".json" => TranscriptFormat.Json,
            ".vtt" => TranscriptFormat.WebVtt,
            ".srt" => TranscriptFormat.Srt,
            ".html" or ".htm" => TranscriptFormat.Html,
            ".txt" => TranscriptFormat.PlainText,
            _ => TranscriptFormat.Unknown,
        };
    }
}
