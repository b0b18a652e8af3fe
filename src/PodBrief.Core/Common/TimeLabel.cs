using System.Globalization;

namespace PodBrief.Core.Common;

/// <summary>
/// The one way a moment in an episode is written, in the email, on the pages and in the CLI (issue 10 item 15):
/// "08:10" under an hour, "1:02:03" above — the way podcast players print it.
/// </summary>
public static class TimeLabel
{
    /// <summary>
    /// "▶" followed by U+FE0E (text presentation), so clients without an emoji font draw the plain triangle
    /// instead of an empty box.
    /// </summary>
    public const string PlayGlyph = "\u25B6\uFE0E";

    public static string Format(double seconds)
    {
        var t = TimeSpan.FromSeconds(Math.Max(0, Math.Floor(double.IsFinite(seconds) ? seconds : 0)));
        return t.TotalHours >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalHours}:{t.Minutes:00}:{t.Seconds:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{t.Minutes:00}:{t.Seconds:00}");
    }

    /// <summary>"Listen from 12:34", or "Listen to the episode" when the card has no timestamp.</summary>
    public static string ListenFrom(double? seconds) =>
        seconds is { } s ? "Listen from " + Format(s) : "Listen to the episode";

    /// <summary>Whole seconds for a URL (?t=, #t=), or null for a missing or absurd value.</summary>
    public static long? WholeSeconds(double? seconds) =>
        seconds is { } s && double.IsFinite(s) && s >= 0 && s < 1_000_000 ? (long)Math.Floor(s) : null;
}
