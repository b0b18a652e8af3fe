using PodBrief.Core.Data;

namespace PodBrief.Core.Subscribers;

/// <summary>
/// When a subscriber's next digest is due, in UTC, from their IANA time zone, local delivery time and frequency.
/// Daylight-saving rules: a local time that does not exist (spring forward) moves forward by the gap; a local
/// time that occurs twice (fall back) uses the first occurrence. Either way there is exactly one per local day.
/// </summary>
public static class DeliverySchedule
{
    /// <summary>The first delivery instant strictly after <paramref name="afterUtc"/>; null when paused.</summary>
    public static DateTime? NextSendAt(Subscriber subscriber, DateTime afterUtc) =>
        NextSendAt(subscriber.TimeZoneId, subscriber.DeliveryTimeLocal, subscriber.Frequency, subscriber.WeeklyDay, afterUtc);

    public static DateTime? NextSendAt(string timeZoneId, TimeOnly localTime, DeliveryFrequency frequency, DayOfWeek weeklyDay, DateTime afterUtc)
    {
        if (frequency == DeliveryFrequency.Paused)
        {
            return null;
        }
        var zone = FindZone(timeZoneId);
        var localNow = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(afterUtc, DateTimeKind.Utc), zone);
        var date = DateOnly.FromDateTime(localNow).AddDays(-1);
        for (var i = 0; i < 16; i++, date = date.AddDays(1))
        {
            if (!IsDeliveryDay(date, frequency, weeklyDay))
            {
                continue;
            }
            var candidate = ToUtc(date, localTime, zone);
            if (candidate > afterUtc)
            {
                return candidate;
            }
        }
        throw new InvalidOperationException("No delivery day found within two weeks: frequency " + frequency);
    }

    /// <summary>The subscriber's local date at a UTC instant (what a digest row is unique on).</summary>
    public static DateOnly LocalDate(string timeZoneId, DateTime utc) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), FindZone(timeZoneId)));

    public static bool IsDeliveryDay(DateOnly date, DeliveryFrequency frequency, DayOfWeek weeklyDay) => frequency switch
    {
        DeliveryFrequency.Daily => true,
        DeliveryFrequency.Weekdays => date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday),
        DeliveryFrequency.Weekly => date.DayOfWeek == weeklyDay,
        _ => false,
    };

    /// <summary>True when <paramref name="timeZoneId"/> is a time zone this machine knows (IANA names).</summary>
    public static bool IsValidTimeZone(string? timeZoneId) =>
        !string.IsNullOrWhiteSpace(timeZoneId) && TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out _);

    public static TimeZoneInfo FindZone(string timeZoneId) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out var zone) ? zone : TimeZoneInfo.Utc;

    private static DateTime ToUtc(DateOnly date, TimeOnly time, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            // Spring forward: 02:30 does not exist; deliver at the same instant as "02:30 + gap" (03:30).
            var adjustment = zone.GetAdjustmentRules().FirstOrDefault(r => r.DateStart <= local && r.DateEnd >= local);
            local = local + (adjustment?.DaylightDelta ?? TimeSpan.FromHours(1));
        }
        if (zone.IsAmbiguousTime(local))
        {
            // Fall back: take the first (daylight) occurrence, whose offset is the larger one.
            var offset = zone.GetAmbiguousTimeOffsets(local).Max();
            return DateTime.SpecifyKind(local - offset, DateTimeKind.Utc);
        }
        return TimeZoneInfo.ConvertTimeToUtc(local, zone);
    }
}
