using System.Globalization;
using System.Net;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace PodBrief.Core.Feeds.Parsing;

/// <summary>Small, forgiving readers for the values feeds write in many ways.</summary>
public static class FeedValues
{
    private static readonly HtmlParser Html = new();

    /// <summary>itunes:duration as H:MM:SS, MM:SS, seconds, or fractional seconds ("835.821875"); null if unreadable.</summary>
    public static int? ParseDuration(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        var parts = value.Trim().Split(':');
        if (parts.Length > 3)
        {
            return null;
        }
        double total = 0;
        foreach (var part in parts)
        {
            if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) || n < 0)
            {
                return null;
            }
            total = total * 60 + n;
        }
        return total is > 0 and < int.MaxValue ? (int)Math.Round(total) : null;
    }

    public static int? ParseInt(string? value) =>
        int.TryParse(value?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;

    public static long? ParseLength(string? value) =>
        long.TryParse(value?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : null;

    /// <summary>An absolute http(s) URL, or null. Feeds put relative paths, whitespace and junk in URL fields.</summary>
    public static string? Url(string? value, Uri? baseUri = null)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }
        if (Uri.TryCreate(trimmed, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
        {
            return absolute.AbsoluteUri.Length <= 2048 ? absolute.AbsoluteUri : null;
        }
        return baseUri is not null && Uri.TryCreate(baseUri, trimmed, out var resolved) && resolved.Scheme is "http" or "https"
            ? resolved.AbsoluteUri
            : null;
    }

    public static string? Clean(string? value, int maxLength = 1024)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }
        return trimmed.Length <= maxLength ? trimmed : trimmed[..maxLength];
    }

    /// <summary>
    /// Show notes HTML as plain text: block elements become line breaks, scripts and styles disappear, entities are
    /// decoded. Parsed by AngleSharp (an HTML5 parser) rather than regexes, because feed HTML is rarely well-formed.
    /// </summary>
    public static string? HtmlToText(string? html)
    {
        if (string.IsNullOrWhiteSpace(html))
        {
            return null;
        }
        if (!html.Contains('<', StringComparison.Ordinal))
        {
            return Clean(WebUtility.HtmlDecode(html), 100_000);
        }
        var document = Html.ParseDocument("<body>" + html + "</body>");
        var text = new StringBuilder();
        AppendText(document.Body!, text);
        var lines = text.ToString().Split('\n').Select(l => string.Join(' ', l.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
        var collapsed = string.Join('\n', lines.Where(l => l.Length > 0));
        return Clean(collapsed, 100_000);
    }

    private static void AppendText(INode node, StringBuilder text)
    {
        foreach (var child in node.ChildNodes)
        {
            if (child is IText t)
            {
                text.Append(t.Data);
                continue;
            }
            if (child is not IElement element)
            {
                continue;
            }
            switch (element.LocalName)
            {
                case "script" or "style" or "template" or "noscript":
                    continue;
                case "br":
                    text.Append('\n');
                    continue;
            }
            var block = element.LocalName is "p" or "div" or "li" or "ul" or "ol" or "h1" or "h2" or "h3" or "h4" or "h5" or "h6"
                or "blockquote" or "pre" or "tr" or "table" or "section" or "article" or "header" or "footer";
            if (block)
            {
                text.Append('\n');
            }
            AppendText(element, text);
            if (block)
            {
                text.Append('\n');
            }
        }
    }
}
