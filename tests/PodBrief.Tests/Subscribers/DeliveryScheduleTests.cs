using PodBrief.Core.Data;
using PodBrief.Core.Subscribers;

namespace PodBrief.Tests.Subscribers;

public class DeliveryScheduleTests
{
    private static DateTime Utc(int y, int m, int d, int h, int min) => new(y, m, d, h, min, 0, DateTimeKind.Utc);

    [Theory]
    // New York spring forward (2026-03-08 02:00 EST → 03:00 EDT): 02:30 does not exist → 03:30 EDT = 07:30 UTC.
    [InlineData("America/New_York", "02:30", "2026-03-08T00:00:00Z", "2026-03-08T07:30:00Z")]
    // New York fall back (2026-11-01 02:00 EDT → 01:00 EST): 01:30 happens twice → the first, 01:30 EDT = 05:30 UTC.
    [InlineData("America/New_York", "01:30", "2026-11-01T00:00:00Z", "2026-11-01T05:30:00Z")]
    [InlineData("America/New_York", "01:30", "2026-11-01T05:30:00Z", "2026-11-02T06:30:00Z")]
    // Berlin: 2026-03-29 02:00 CET → 03:00 CEST; 2026-10-25 03:00 CEST → 02:00 CET.
    [InlineData("Europe/Berlin", "02:30", "2026-03-28T23:00:00Z", "2026-03-29T01:30:00Z")]
    [InlineData("Europe/Berlin", "02:30", "2026-10-24T23:00:00Z", "2026-10-25T00:30:00Z")]
    [InlineData("Europe/Berlin", "02:30", "2026-10-25T00:30:00Z", "2026-10-26T01:30:00Z")]
    [InlineData("Europe/Berlin", "07:00", "2026-10-25T05:00:00Z", "2026-10-25T06:00:00Z")]
    public void Daily_next_send_across_daylight_saving(string zone, string at, string after, string expected)
    {
        var next = DeliverySchedule.NextSendAt(zone, TimeOnly.Parse(at, System.Globalization.CultureInfo.InvariantCulture),
            DeliveryFrequency.Daily, DayOfWeek.Monday, DateTime.Parse(after, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal));
        Assert.Equal(DateTime.Parse(expected, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal), next);
    }

    [Fact]
    public void Weekdays_skip_the_weekend_and_weekly_waits_for_its_day_and_paused_has_none()
    {
        // Friday 2026-03-13 08:00 UTC, after the 07:00 delivery.
        var friday = Utc(2026, 3, 13, 8, 0);
        Assert.Equal(Utc(2026, 3, 16, 7, 0), DeliverySchedule.NextSendAt("UTC", new TimeOnly(7, 0), DeliveryFrequency.Weekdays, DayOfWeek.Monday, friday));
        Assert.Equal(Utc(2026, 3, 18, 7, 0), DeliverySchedule.NextSendAt("UTC", new TimeOnly(7, 0), DeliveryFrequency.Weekly, DayOfWeek.Wednesday, friday));
        Assert.Null(DeliverySchedule.NextSendAt("UTC", new TimeOnly(7, 0), DeliveryFrequency.Paused, DayOfWeek.Monday, friday));
    }
}
