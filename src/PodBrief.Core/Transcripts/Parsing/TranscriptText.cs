using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace PodBrief.Core.Transcripts.Parsing;

/// <summary>Text helpers shared by the parsers: removing markup, normalizing whitespace (bytes are decoded by <see cref="Common.Text.ByteDecoder"/>).</summary>
public static partial class TranscriptText
{
    /// <summary>Removes cue markup (&lt;i&gt;, &lt;c.x&gt;, inline timestamps, {\an8}) and decodes HTML entities.</summary>
    public static string StripMarkup(string text)
    {
        if (text.Contains('<', StringComparison.Ordinal))
        {
            text = TagPattern().Replace(text, string.Empty);
        }
        if (text.Contains('{', StringComparison.Ordinal))
        {
            text = AssOverridePattern().Replace(text, string.Empty);
        }
        return WebUtility.HtmlDecode(text);
    }

    /// <summary>Collapses runs of whitespace (including non-breaking spaces and line breaks) to single spaces.</summary>
    public static string Collapse(string text) => WhitespacePattern().Replace(text, " ").Trim();

    /// <summary>True when the text has no letter or digit (".", "-", "♪"): nothing a reader could quote.</summary>
    public static bool HasNoWords(string text)
    {
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// Words in the text. Chinese and Japanese are written without spaces: a run of CJK characters counts as one word
    /// per 1.7 characters (a Mandarin word averages 1.5–2), so length limits mean the same in every language.
    /// </summary>
    public static int CountWords(string text)
    {
        var words = 0;
        var cjk = 0;
        var inWord = false;
        foreach (var c in text)
        {
            if (IsCjk(c))
            {
                cjk++;
                inWord = false;
            }
            else if (char.IsWhiteSpace(c))
            {
                inWord = false;
            }
            else if (!inWord)
            {
                words++;
                inWord = true;
            }
        }
        return words + (int)Math.Ceiling(cjk / 1.7);
    }

    /// <summary>Han, kana and hangul: scripts written without spaces between words.</summary>
    public static bool IsCjk(char c) =>
        c is (>= '\u4E00' and <= '\u9FFF') or (>= '\u3400' and <= '\u4DBF') or (>= '\u3040' and <= '\u30FF')
            or (>= '\uAC00' and <= '\uD7AF') or (>= '\uF900' and <= '\uFAFF');

    [GeneratedRegex(@"</?[A-Za-z0-9][^<>]*>|<\d[\d:.,]*>")]
    private static partial Regex TagPattern();

    [GeneratedRegex(@"\{\\[^{}]*\}")]
    private static partial Regex AssOverridePattern();

    [GeneratedRegex(@"[\s\u00A0\u200B\u200E\u200F\uFEFF]+")]
    private static partial Regex WhitespacePattern();
}
