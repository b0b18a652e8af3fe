using System.Globalization;

namespace PodBrief.Core.Transcripts.Parsing;

/// <summary>
/// Reads the timestamps real transcripts use: <c>HH:MM:SS.mmm</c> (WebVTT), <c>HH:MM:SS,mmm</c> (SRT), and the
/// non-standard short forms seen in the wild — <c>MM:SS.mmm</c>, <c>M:SS</c>, bare seconds <c>0.860</c> — with
/// any number of fraction digits. Minutes past 59 (<c>75:10</c>) are accepted as written.
/// </summary>
public static class TranscriptTimestamp
{
    public static bool TryParse(ReadOnlySpan<char> text, out double seconds)
    {
        seconds = 0;
        text = text.Trim();
        if (text.IsEmpty || text.Length > 20)
        {
            return false;
        }
        // A comma or a dot separates the fraction; only the last one counts (SRT uses a comma).
        var fractionAt = text.LastIndexOfAny(',', '.');
        double fraction = 0;
        var whole = text;
        if (fractionAt >= 0)
        {
            var digits = text[(fractionAt + 1)..];
            if (digits.IsEmpty || !AllDigits(digits)
                || !double.TryParse("0." + digits.ToString(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out fraction))
            {
                return false;
            }
            whole = text[..fractionAt];
        }
        double total = 0;
        var parts = 0;
        foreach (var range in whole.Split(':'))
        {
            var part = whole[range];
            if (part.IsEmpty || part.Length > 4 || !AllDigits(part) || ++parts > 3)
            {
                return false;
            }
            total = (total * 60) + int.Parse(part, CultureInfo.InvariantCulture);
        }
        if (parts == 0)
        {
            return false;
        }
        seconds = total + fraction;
        return true;
    }

    /// <summary>Formats seconds as H:MM:SS or M:SS, the way the product shows times to people.</summary>
    public static string Format(double seconds)
    {
        var t = TimeSpan.FromSeconds(Math.Max(0, Math.Floor(seconds)));
        return t.TotalHours >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalHours}:{t.Minutes:00}:{t.Seconds:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{t.Minutes}:{t.Seconds:00}");
    }

    private static bool AllDigits(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }
        return true;
    }
}
