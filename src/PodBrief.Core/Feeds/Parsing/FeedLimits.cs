using System.Buffers;

namespace PodBrief.Core.Feeds.Parsing;

/// <summary>
/// One linear pass over the decoded feed text, before any XML parser or document sees it: refuses nesting deeper
/// than <see cref="MaxDepth"/> and text longer than <see cref="MaxChars"/>. Issue 11: a 1.4 MB feed of 200,000
/// nested elements cost 87 s of CPU inside the document load (quadratic in the depth); this pass refuses it after
/// reading 65 start tags. It is lexical on purpose — it does not need well-formed XML, so the repairs that run
/// after a failed strict parse never see a hostile depth either — and it honours cancellation.
/// </summary>
public static class FeedLimits
{
    /// <summary>Real feeds nest about 6 deep (rss/channel/item/podcast:transcript); 64 leaves room for any extension.</summary>
    public const int MaxDepth = 64;

    /// <summary>Matches the default fetch cap (20 MiB); a bigger string here came from somewhere that skipped it.</summary>
    public const int MaxChars = 32 * 1024 * 1024;

    private const int CancellationStride = 64 * 1024;

    private static readonly SearchValues<char> TagSpecials = SearchValues.Create("<>\"'");

    public static void Check(ReadOnlySpan<char> text, CancellationToken cancellationToken = default)
    {
        if (text.Length > MaxChars)
        {
            throw new FeedParseException($"The feed is too large ({text.Length:N0} characters; at most {MaxChars:N0}).");
        }
        var depth = 0;
        var nextCheck = CancellationStride;
        var i = 0;
        while (i < text.Length)
        {
            if (i >= nextCheck)
            {
                cancellationToken.ThrowIfCancellationRequested();
                nextCheck = i + CancellationStride;
            }
            var open = text[i..].IndexOf('<');
            if (open < 0)
            {
                return;
            }
            i += open;
            var rest = text[i..];
            if (rest.StartsWith("<!--"))
            {
                i = SkipPast(text, i + 4, "-->");
            }
            else if (rest.StartsWith("<![CDATA["))
            {
                i = SkipPast(text, i + 9, "]]>");
            }
            else if (rest.StartsWith("<?"))
            {
                i = SkipPast(text, i + 2, "?>");
            }
            else if (rest.StartsWith("<!"))
            {
                i = SkipPast(text, i + 2, ">");
            }
            else if (rest.StartsWith("</"))
            {
                depth = Math.Max(0, depth - 1);
                i = SkipPast(text, i + 2, ">");
            }
            else
            {
                var (end, selfClosing) = EndOfStartTag(text, i + 1);
                if (!selfClosing && ++depth > MaxDepth)
                {
                    throw new FeedParseException($"The feed nests elements deeper than {MaxDepth} levels; refused as unsafe.");
                }
                i = end;
            }
        }
    }

    private static int SkipPast(ReadOnlySpan<char> text, int from, string terminator)
    {
        var at = text[from..].IndexOf(terminator, StringComparison.Ordinal);
        return at < 0 ? text.Length : from + at + terminator.Length;
    }

    /// <summary>Index after the tag's '&gt;' (quoted attribute values may contain '&gt;'), and whether it ended in "/&gt;".</summary>
    private static (int End, bool SelfClosing) EndOfStartTag(ReadOnlySpan<char> text, int from)
    {
        // Vectorized searches rather than a loop per character: this pass is on every poll of a changed feed.
        var i = from;
        while (true)
        {
            var at = text[i..].IndexOfAny(TagSpecials);
            if (at < 0)
            {
                return (text.Length, false);
            }
            i += at;
            var c = text[i];
            if (c == '>')
            {
                return (i + 1, text[i - 1] == '/');
            }
            if (c == '<')
            {
                // A '<' inside a tag is not XML; treat the tag as closed here so the pass stays linear and lenient.
                return (i, false);
            }
            var close = text[(i + 1)..].IndexOf(c);
            if (close < 0)
            {
                return (text.Length, false);
            }
            i += close + 2;
        }
    }
}
