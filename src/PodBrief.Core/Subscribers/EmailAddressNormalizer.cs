using System.Globalization;

namespace PodBrief.Core.Subscribers;

/// <summary>
/// Checks and normalizes an address typed into a form: trimmed, at most 254 characters (RFC 5321 path limit),
/// a 64-character local part, a domain of valid DNS labels converted to ASCII (IDNA), all lower-cased.
/// Quoted local parts and IP-literal domains are refused: no real subscriber needs them and they widen the attack surface.
/// </summary>
public static class EmailAddressNormalizer
{
    public const int MaxLength = 254;
    private const int MaxLocalLength = 64;

    public static bool TryNormalize(string? input, out string trimmed, out string normalized)
    {
        trimmed = "";
        normalized = "";
        var candidate = input?.Trim() ?? "";
        if (candidate.Length is 0 or > MaxLength)
        {
            return false;
        }
        var at = candidate.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at != candidate.LastIndexOf('@') || at == candidate.Length - 1)
        {
            return false;
        }
        var local = candidate[..at];
        var domain = candidate[(at + 1)..];
        if (!IsValidLocalPart(local) || !TryAsciiDomain(domain, out var asciiDomain))
        {
            return false;
        }
        var result = local.ToLowerInvariant() + "@" + asciiDomain;
        if (result.Length > MaxLength)
        {
            return false;
        }
        trimmed = candidate;
        normalized = result;
        return true;
    }

    /// <summary>"a***@example.com": enough to tell addresses apart in a log, not enough to collect them.</summary>
    public static string Mask(string? address)
    {
        if (string.IsNullOrEmpty(address))
        {
            return "(none)";
        }
        var at = address.IndexOf('@', StringComparison.Ordinal);
        return at <= 0 ? "***" : address[0] + "***" + address[at..];
    }

    private static bool IsValidLocalPart(string local)
    {
        if (local.Length > MaxLocalLength || local.StartsWith('.') || local.EndsWith('.') || local.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }
        foreach (var c in local)
        {
            // RFC 5322 atext plus UTF-8 (RFC 6531); everything that needs quoting is refused.
            if (char.IsWhiteSpace(c) || char.IsControl(c) || c is '"' or '(' or ')' or ',' or ':' or ';' or '<' or '>' or '[' or ']' or '\\' or '@')
            {
                return false;
            }
        }
        return true;
    }

    private static bool TryAsciiDomain(string domain, out string ascii)
    {
        ascii = "";
        if (domain.EndsWith('.'))
        {
            domain = domain[..^1];
        }
        try
        {
            ascii = new IdnMapping { UseStd3AsciiRules = true }.GetAscii(domain).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            return false;
        }
        var labels = ascii.Split('.');
        if (labels.Length < 2 || ascii.Length > 253)
        {
            return false;
        }
        foreach (var label in labels)
        {
            if (label.Length is 0 or > 63 || label.StartsWith('-') || label.EndsWith('-')
                || !label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            {
                return false;
            }
        }
        // A numeric top-level label means an IP address, not a mail domain.
        return !labels[^1].All(char.IsAsciiDigit);
    }
}
