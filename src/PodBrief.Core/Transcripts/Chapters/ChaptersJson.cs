using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using PodBrief.Core.Transcripts.Parsing;

namespace PodBrief.Core.Transcripts.Chapters;

/// <summary>A chapter as read from the file, before it is stored.</summary>
public sealed record ParsedChapter(double StartSeconds, string Title, string? Url, string? ImageUrl);

/// <summary>
/// Reads the Podcast Index JSON chapters format (<c>{"version":"1.2.0","chapters":[{"startTime":94,"title":"…",
/// "url":"…","img":"…","toc":false}]}</c>). The file comes from a feed, so it is hostile: nesting, counts and lengths
/// are bounded, times must be finite and plausible, links must be absolute http(s), and silent chapters
/// (<c>toc: false</c>) are left out because they are not meant to be shown. A file that breaks the format is refused
/// with a <see cref="FormatException"/> that says why; single bad entries are skipped.
/// </summary>
public static partial class ChaptersJson
{
    /// <summary>Download cap: real chapter files are a few kilobytes.</summary>
    public const long MaxBytes = 1024 * 1024;
    public const int MaxChapters = 500;
    public const int MaxTitleLength = 200;
    public const int MaxUrlLength = 2048;
    /// <summary>A week: anything later is not a time in an episode.</summary>
    public const double MaxStartSeconds = 7 * 24 * 3600;

    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 8, AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    public static IReadOnlyList<ParsedChapter> Parse(ReadOnlySpan<byte> body)
    {
        if (body.Length > MaxBytes)
        {
            throw new FormatException($"The chapters file is {body.Length:N0} bytes; at most {MaxBytes:N0} are accepted.");
        }
        if (body.StartsWith("\uFEFF"u8))
        {
            body = body[3..];
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.ToArray(), Options);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"The chapters file is not valid JSON: {Short(ex.Message)}", ex);
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("chapters", out var list) || list.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException("The chapters file has no \"chapters\" array (JSON chapters format).");
            }
            var count = list.GetArrayLength();
            if (count > MaxChapters)
            {
                throw new FormatException($"The chapters file lists {count:N0} chapters; at most {MaxChapters} are accepted.");
            }
            var chapters = new List<ParsedChapter>(count);
            foreach (var item in list.EnumerateArray())
            {
                if (Read(item) is { } chapter)
                {
                    chapters.Add(chapter);
                }
            }
            // Files are not always in order; two chapters at the same second are one marker.
            return [.. chapters.OrderBy(c => c.StartSeconds).DistinctBy(c => c.StartSeconds)];
        }
    }

    private static ParsedChapter? Read(JsonElement item)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        if (item.TryGetProperty("toc", out var toc) && toc.ValueKind == JsonValueKind.False)
        {
            return null;
        }
        if (Seconds(item) is not { } start || CleanTitle(String(item, "title")) is not { } title)
        {
            return null;
        }
        return new ParsedChapter(start, title, HttpUrl(String(item, "url")), HttpUrl(String(item, "img")));
    }

    private static double? Seconds(JsonElement item)
    {
        if (!item.TryGetProperty("startTime", out var value))
        {
            return null;
        }
        double seconds;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number))
        {
            seconds = number;
        }
        else if (value.ValueKind == JsonValueKind.String
            && double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
        {
            // Some generators write the number as a string.
            seconds = parsed;
        }
        else
        {
            return null;
        }
        return double.IsFinite(seconds) && seconds is >= 0 and <= MaxStartSeconds ? Math.Round(seconds, 3) : null;
    }

    private static string? String(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>Plain one-line text: tags and control characters out, whitespace collapsed, cut at a word.</summary>
    internal static string? CleanTitle(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }
        var text = raw.Length > MaxTitleLength * 4 ? raw[..(MaxTitleLength * 4)] : raw;
        text = TranscriptText.Collapse(Control().Replace(TranscriptText.StripMarkup(text), " "));
        if (text.Length > MaxTitleLength)
        {
            var cut = text.LastIndexOf(' ', MaxTitleLength);
            text = text[..(cut > MaxTitleLength / 2 ? cut : MaxTitleLength)].TrimEnd();
        }
        return text.Length == 0 ? null : text;
    }

    private static string? HttpUrl(string? raw) =>
        raw is { Length: > 0 and <= MaxUrlLength } && Uri.TryCreate(raw.Trim(), UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && uri.AbsoluteUri.Length <= MaxUrlLength
            ? uri.AbsoluteUri
            : null;

    private static string Short(string message) => message.Length <= 200 ? message : message[..200];

    [GeneratedRegex(@"[\p{Cc}\p{Cf}]")]
    private static partial Regex Control();
}
