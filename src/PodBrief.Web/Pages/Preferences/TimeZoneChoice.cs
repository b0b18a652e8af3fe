using System.Globalization;

namespace PodBrief.Web.Pages.Preferences;

/// <summary>
/// One entry of the time-zone picker: an IANA id (what we store and DeliverySchedule resolves) and a label with
/// its current offset. The list is the machine's tz database, read once; a picker rather than free text, so a
/// typo can never become a digest at the wrong hour (issue 14 item 3).
/// </summary>
public sealed record TimeZoneChoice(string Id, string Label)
{
    public static IReadOnlyList<TimeZoneChoice> All => Lazy.Value;

    private static readonly Lazy<IReadOnlyList<TimeZoneChoice>> Lazy = new(Load);

    private static List<TimeZoneChoice> Load()
    {
        var now = DateTimeOffset.UtcNow;
        // Region/City ids only (plus UTC): the legacy aliases (EST5EDT, Etc/GMT+3, US/Pacific) confuse more than help.
        return TimeZoneInfo.GetSystemTimeZones()
            .Where(z => z.Id == "UTC" || (z.Id.Contains('/', StringComparison.Ordinal) && !z.Id.StartsWith("Etc/", StringComparison.Ordinal)
                && !z.Id.StartsWith("US/", StringComparison.Ordinal) && !z.Id.StartsWith("SystemV/", StringComparison.Ordinal)))
            .Select(z => new TimeZoneChoice(z.Id, $"{z.Id.Replace('_', ' ')} (UTC{Offset(z.GetUtcOffset(now))})"))
            .OrderBy(z => z.Id, StringComparer.Ordinal)
            .ToList();
    }

    private static string Offset(TimeSpan offset) =>
        (offset < TimeSpan.Zero ? "-" : "+") + offset.Duration().ToString(@"hh\:mm", CultureInfo.InvariantCulture);
}
