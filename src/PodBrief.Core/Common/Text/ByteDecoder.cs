using System.Text;
using System.Text.RegularExpressions;
using UtfUnknown;

namespace PodBrief.Core.Common.Text;

/// <summary>
/// Turns fetched bytes into text: BOM, then the HTTP charset, then the XML declaration, then "is it valid UTF-8?",
/// then a statistical sniff (UTF.Unknown) — so Latin-1 served without any declaration still comes out right.
/// </summary>
public static partial class ByteDecoder
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    static ByteDecoder() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static string Decode(ReadOnlySpan<byte> bytes, string? httpCharset)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return Encoding.UTF8.GetString(bytes[3..]);
        }
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return Encoding.Unicode.GetString(bytes[2..]);
        }
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return Encoding.BigEndianUnicode.GetString(bytes[2..]);
        }
        var declared = Lookup(httpCharset) ?? Lookup(DeclaredEncoding(bytes));
        if (declared is not null && declared.CodePage != Encoding.UTF8.CodePage)
        {
            return declared.GetString(bytes);
        }
        // UTF-8 declared or nothing declared: trust it only when the bytes really are UTF-8 (servers often lie).
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            var sniffed = CharsetDetector.DetectFromBytes(bytes.ToArray()).Detected?.Encoding;
            var encoding = sniffed is null || sniffed.CodePage == Encoding.UTF8.CodePage ? Encoding.GetEncoding(1252) : sniffed;
            return encoding.GetString(bytes);
        }
    }

    /// <summary>The encoding="..." of an XML declaration near the start (single or double quotes).</summary>
    internal static string? DeclaredEncoding(ReadOnlySpan<byte> bytes)
    {
        var head = Encoding.ASCII.GetString(bytes[..Math.Min(bytes.Length, 256)]);
        var match = DeclarationEncoding().Match(head);
        return match.Success ? match.Groups[1].Value : null;
    }

    private static Encoding? Lookup(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }
        try
        {
            // ISO-8859-1 is what servers say when they mean windows-1252 (WHATWG encoding spec maps it so too).
            return name.Trim().ToUpperInvariant() is "ISO-8859-1" or "LATIN1" or "US-ASCII" or "ASCII"
                ? Encoding.GetEncoding(1252)
                : Encoding.GetEncoding(name.Trim());
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    [GeneratedRegex("""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._\-]+)["']""")]
    private static partial Regex DeclarationEncoding();
}
