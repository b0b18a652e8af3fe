using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace PodBrief.Core.Feeds.Parsing;

/// <summary>
/// Parses the dates feeds really write: RFC 822/1123 with or without weekday, single-digit days, 2-digit years,
/// zone abbreviations (PST, EST, …) and numeric offsets (also as &amp;#43;0000), times without colons, 12-hour clocks,
/// day and month names in other languages (Portuguese "Seg, 24 Set"), and ISO 8601. Culture-invariant.
/// </summary>
public static partial class FeedDates
{
    private static readonly Dictionary<string, int> Months = BuildMonths();

    // RFC 822 §5.1 zones plus abbreviations seen in feeds. Ambiguous ones (IST, BST) take their most common meaning.
    private static readonly Dictionary<string, int> ZoneMinutes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["UT"] = 0,
        ["UTC"] = 0,
        ["GMT"] = 0,
        ["Z"] = 0,
        ["WET"] = 0,
        ["EST"] = -300,
        ["EDT"] = -240,
        ["CST"] = -360,
        ["CDT"] = -300,
        ["MST"] = -420,
        ["MDT"] = -360,
        ["PST"] = -480,
        ["PDT"] = -420,
        ["AKST"] = -540,
        ["AKDT"] = -480,
        ["HST"] = -600,
        ["BST"] = 60,
        ["IST"] = 330,
        ["CET"] = 60,
        ["CEST"] = 120,
        ["MET"] = 60,
        ["MEST"] = 120,
        ["EET"] = 120,
        ["EEST"] = 180,
        ["WEST"] = 60,
        ["MSK"] = 180,
        ["JST"] = 540,
        ["KST"] = 540,
        ["HKT"] = 480,
        ["SGT"] = 480,
        ["AEST"] = 600,
        ["AEDT"] = 660,
        ["ACST"] = 570,
        ["AWST"] = 480,
        ["NZST"] = 720,
        ["NZDT"] = 780,
        ["BRT"] = -180,
    };

    /// <summary>The instant in UTC, or null when nothing sensible can be read.</summary>
    public static DateTime? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        if (TryParseRfc1123(value.AsSpan().Trim(), out var common))
        {
            return common;
        }
        var text = WebUtility.HtmlDecode(value).Trim();
        if (IsoLike().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var iso))
        {
            return Sane(iso.UtcDateTime);
        }
        // A leading weekday in any language ("Seg," "Mar," "Thu,") says nothing the date does not; "Mar" would
        // otherwise be read as March in Spanish feeds.
        return ParseRfc822Like(LeadingWeekday().Replace(text, "", 1));
    }

    private static DateTime? ParseRfc822Like(string text)
    {
        int? day = null, month = null, year = null, hour = null, minute = null, second = null;
        int offsetMinutes = 0;
        bool? pm = null;
        foreach (var raw in Tokens().Matches(text).Select(m => m.Value))
        {
            var token = raw.TrimEnd('.');
            if (TimeToken().Match(token) is { Success: true } t)
            {
                hour = int.Parse(t.Groups[1].Value, CultureInfo.InvariantCulture);
                minute = int.Parse(t.Groups[2].Value, CultureInfo.InvariantCulture);
                second = t.Groups[3].Success ? int.Parse(t.Groups[3].Value, CultureInfo.InvariantCulture) : 0;
            }
            else if (OffsetToken().Match(token) is { Success: true } o)
            {
                var sign = o.Groups[1].Value == "-" ? -1 : 1;
                var digits = o.Groups[2].Value.Replace(":", "", StringComparison.Ordinal);
                var hh = int.Parse(digits.Length <= 2 ? digits : digits[..^2], CultureInfo.InvariantCulture);
                var mm = digits.Length <= 2 ? 0 : int.Parse(digits[^2..], CultureInfo.InvariantCulture);
                offsetMinutes = sign * (hh * 60 + mm);
            }
            else if (token.All(char.IsAsciiDigit))
            {
                var n = int.Parse(token, CultureInfo.InvariantCulture);
                if (token.Length == 4 && year is not null && hour is null)
                {
                    // "03 Apr 02 1500 GMT": a 4-digit time without a colon after the year.
                    hour = n / 100;
                    minute = n % 100;
                    second = 0;
                }
                else if (token.Length == 4)
                {
                    year = n;
                }
                else if (day is null && n is >= 1 and <= 31)
                {
                    day = n;
                }
                else if (year is null && token.Length <= 2)
                {
                    year = n < 50 ? 2000 + n : 1900 + n; // RFC 2822 §4.3
                }
            }
            else if (token.Equals("AM", StringComparison.OrdinalIgnoreCase) || token.Equals("PM", StringComparison.OrdinalIgnoreCase))
            {
                pm = token.Equals("PM", StringComparison.OrdinalIgnoreCase);
            }
            else if (ZoneMinutes.TryGetValue(token, out var zone))
            {
                offsetMinutes = zone;
            }
            else if (month is null && LookupMonth(token) is { } m)
            {
                month = m;
            }
            // Anything else (weekday names in any language, "at", ordinal junk) is ignored.
        }
        if (day is null || month is null || year is null)
        {
            return null;
        }
        if (pm is { } isPm && hour is { } h12 && h12 <= 12)
        {
            hour = isPm ? h12 % 12 + 12 : h12 % 12;
        }
        return Compose(year.Value, month.Value, day.Value, hour ?? 0, minute ?? 0, second ?? 0, offsetMinutes);
    }

    /// <summary>
    /// The form nearly every feed writes (RFC 1123: "Fri, 21 Nov 2025 17:50:18 +0000", the weekday optional, a
    /// numeric offset or a zone name), read without regexes or allocations: the general reader below cost about as much
    /// as the XML load of a 1,000-item feed (issue 13). It gives exactly what the general reader gives, because it
    /// only accepts text on which the general reader takes the same tokens the same way, and hands everything else
    /// (other languages, missing parts, out-of-range days, unknown zones) back to it.
    /// </summary>
    private static bool TryParseRfc1123(ReadOnlySpan<char> s, out DateTime? result)
    {
        result = null;
        // Optional weekday: ASCII letters, a comma, spaces (what LeadingWeekday strips).
        var letters = 0;
        while (letters < s.Length && char.IsAsciiLetter(s[letters]))
        {
            letters++;
        }
        if (letters > 0)
        {
            if (letters >= s.Length || s[letters] != ',')
            {
                return false;
            }
            s = s[(letters + 1)..].TrimStart(' ');
        }
        // "d Mon yyyy HH:mm:ss zone", single spaces.
        var dayDigits = s.Length > 1 && char.IsAsciiDigit(s[1]) ? 2 : 1;
        if (!Digits(s, 0, dayDigits, out var day) || day is < 1 or > 31 || !At(s, dayDigits, ' '))
        {
            return false;
        }
        s = s[(dayDigits + 1)..];
        if (s.Length < 4 || !char.IsAsciiLetter(s[0]) || !char.IsAsciiLetter(s[1]) || !char.IsAsciiLetter(s[2]) || s[3] != ' ')
        {
            return false;
        }
        Span<char> name = stackalloc char[3];
        s[..3].ToLowerInvariant(name);
        // A zone name or AM/PM in the month's place is a different token to the general reader.
        var monthName = name.ToString();
        if (monthName is "am" or "pm" || ZoneMinutes.ContainsKey(monthName) || !Months.TryGetValue(monthName, out var month))
        {
            return false;
        }
        s = s[4..];
        if (!Digits(s, 0, 4, out var year) || !At(s, 4, ' ') || !Digits(s, 5, 2, out var hour) || !At(s, 7, ':')
            || !Digits(s, 8, 2, out var minute) || !At(s, 10, ':') || !Digits(s, 11, 2, out var second) || !At(s, 13, ' '))
        {
            return false;
        }
        var zone = s[14..];
        int offsetMinutes;
        if (zone.Length == 5 && zone[0] is '+' or '-' && Digits(zone, 1, 2, out var hh) && Digits(zone, 3, 2, out var mm))
        {
            offsetMinutes = (zone[0] == '-' ? -1 : 1) * (hh * 60 + mm);
        }
        else if (zone.Length is > 0 and <= 5 && !zone.ContainsAnyExceptInRange('A', 'z') && ZoneMinutes.TryGetValue(zone.ToString(), out var named))
        {
            offsetMinutes = named;
        }
        else
        {
            return false;
        }
        result = Compose(year, month, day, hour, minute, second, offsetMinutes);
        return true;
    }

    private static bool At(ReadOnlySpan<char> s, int index, char c) => index < s.Length && s[index] == c;

    private static bool Digits(ReadOnlySpan<char> s, int start, int count, out int value)
    {
        value = 0;
        if (start + count > s.Length)
        {
            return false;
        }
        for (var i = start; i < start + count; i++)
        {
            if (!char.IsAsciiDigit(s[i]))
            {
                return false;
            }
            value = value * 10 + (s[i] - '0');
        }
        return true;
    }

    private static DateTime? Compose(int year, int month, int day, int hour, int minute, int second, int offsetMinutes)
    {
        try
        {
            // A nonsense offset ("+3000" in Apple's own sample feed) must not cost us the date: read it as UTC.
            if (Math.Abs(offsetMinutes) > 14 * 60)
            {
                offsetMinutes = 0;
            }
            var local = new DateTime(year, month, day, hour, minute, Math.Min(second, 59), DateTimeKind.Unspecified);
            return Sane(new DateTimeOffset(local, TimeSpan.FromMinutes(offsetMinutes)).UtcDateTime);
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    private static DateTime? Sane(DateTime utc) => utc.Year is >= 1970 and <= 2200 ? DateTime.SpecifyKind(utc, DateTimeKind.Utc) : null;

    private static int? LookupMonth(string token)
    {
        var letters = Letters(token);
        foreach (var key in new[] { letters, letters[..Math.Min(4, letters.Length)], letters[..Math.Min(3, letters.Length)] })
        {
            if (key.Length >= 3 && Months.TryGetValue(key, out var month))
            {
                return month;
            }
        }
        return null;
    }

    /// <summary>Lower-case ASCII letters with accents removed ("Févr." → "fevr").</summary>
    private static string Letters(string token) =>
        new([.. token.ToLowerInvariant().Normalize(System.Text.NormalizationForm.FormD).Where(char.IsAsciiLetter)]);

    private static Dictionary<string, int> BuildMonths()
    {
        var months = new Dictionary<string, int>(StringComparer.Ordinal);
        // English, Portuguese, Spanish, French, German, Dutch, Italian, Danish/Norwegian/Swedish abbreviations.
        string[][] names =
        [
            ["jan", "ene", "gen", "janv"], ["feb", "fev", "fév", "fevr", "févr"], ["mar", "mär", "mrz", "mrt", "mars"],
            ["apr", "abr", "avr"], ["may", "mai", "mei", "mag", "maj"], ["jun", "juin", "giu"],
            ["jul", "juil", "lug"], ["aug", "ago", "aout", "août"], ["sep", "set", "sept"],
            ["oct", "out", "okt", "ott"], ["nov"], ["dec", "dez", "dic", "déc"],
        ];
        for (var i = 0; i < names.Length; i++)
        {
            foreach (var name in names[i])
            {
                months[Letters(name)] = i + 1;
            }
        }
        return months;
    }

    [GeneratedRegex(@"^\p{L}+\.?,\s*")]
    private static partial Regex LeadingWeekday();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}")]
    private static partial Regex IsoLike();

    [GeneratedRegex(@"[+\-]?\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?|[+\-]\d{2}:?\d{2}|[^\s,]+")]
    private static partial Regex Tokens();

    [GeneratedRegex(@"^(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?$")]
    private static partial Regex TimeToken();

    [GeneratedRegex(@"^(?:GMT|UTC|UT)?([+\-])(\d{1,2}(?::?\d{2})?)$", RegexOptions.IgnoreCase)]
    private static partial Regex OffsetToken();
}
