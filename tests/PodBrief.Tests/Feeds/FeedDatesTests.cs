using PodBrief.Core.Feeds.Parsing;

namespace PodBrief.Tests.Feeds;

public class FeedDatesTests
{
    [Theory]
    [InlineData("Wed, 03 Sep 2025 10:00:00 +0000", "2025-09-03T10:00:00")]
    [InlineData("Wed, 3 Sep 2025 10:00:00 +0000", "2025-09-03T10:00:00")]
    [InlineData("3 Sep 2025 10:00:00 GMT", "2025-09-03T10:00:00")]
    [InlineData("Wed, 09 Mar 2016 13:00:00 EST", "2016-03-09T18:00:00")]
    [InlineData("Thu, 10 Mar 2016 02:00:00 -0700", "2016-03-10T09:00:00")]
    [InlineData("Fri, 11 Mar 2016 01:15:00 +3000", "2016-03-11T01:15:00")]
    [InlineData("Tue, 08 Mar 2016 12:00:00 &#43;0000", "2016-03-08T12:00:00")]
    [InlineData("Mon, 02 Mar 2026 09:00:00 PST", "2026-03-02T17:00:00")]
    [InlineData("03 Apr 02 1500 GMT", "2002-04-03T15:00:00")]
    [InlineData("Seg, 24 Set 2018 19:42:40 -0300", "2018-09-24T22:42:40")]
    [InlineData("Mar, 03 Abr 2025 10:00:00 +0000", "2025-04-03T10:00:00")]
    [InlineData("Mon, 2 Mar 2026 3:05 PM PST", "2026-03-02T23:05:00")]
    [InlineData("Mon, 2 Mar 2026 12:30 AM GMT", "2026-03-02T00:30:00")]
    [InlineData("2026-03-02T10:00:00+01:00", "2026-03-02T09:00:00")]
    [InlineData("2026-03-02T10:00:00Z", "2026-03-02T10:00:00")]
    [InlineData("March 2, 2026", "2026-03-02T00:00:00")]
    [InlineData("Mon, 02 Mar 2026 10:00:00 +05:30", "2026-03-02T04:30:00")]
    // Edges of the RFC 1123 fast path: each must read as the general reader reads it (values it gave before the fast path).
    [InlineData("Sat, 10 Mar 2024 23:59:59 est", "2024-03-11T04:59:59")]
    [InlineData("Sat, 10 Sep 2024 23:59:59 XYZ", "2024-09-10T23:59:59")]
    [InlineData("Sat, 10 Mai 2024 03:04:05 +1400", "2024-05-09T13:04:05")]
    [InlineData("Sat, 10 Mai 2024 03:04:05 -1401", "2024-05-10T03:04:05")]
    [InlineData("Thu, 10 Sep 2024 23:59:60 +3000", "2024-09-10T23:59:59")]
    [InlineData("Dom., 10 Mar 2024 23:59:59 +0000", "2024-03-10T23:59:59")]
    [InlineData("Sat,  10 Mar 2024 23:59:59 +00000", "2024-03-10T23:59:59")]
    [InlineData("  Mon, 1 Jan 2024 00:00:00 -0500  ", "2024-01-01T05:00:00")]
    public void Dates_feeds_really_write_are_read_as_utc(string text, string expectedUtc)
    {
        var parsed = FeedDates.Parse(text);
        Assert.Equal(DateTime.Parse(expectedUtc, System.Globalization.CultureInfo.InvariantCulture), parsed);
        Assert.Equal(DateTimeKind.Utc, parsed!.Value.Kind);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a date")]
    [InlineData("Episode 12")]
    [InlineData("31 Feb 2025 10:00:00 GMT")]
    [InlineData("Wed, 00 Jan 2024 10:00:00 +0000")]
    [InlineData("Thu, 10 Set 2024 25:00:00 +0100")]
    [InlineData("Sat, 10 MAR 1960 23:59:59 +0000")]
    public void Unreadable_dates_are_null(string text) => Assert.Null(FeedDates.Parse(text));

    [Theory]
    [InlineData("1:02:03", 3723)]
    [InlineData("01:02:03", 3723)]
    [InlineData("62:03", 3723)]
    [InlineData("3723", 3723)]
    [InlineData("835.821875", 836)]
    [InlineData("1:02:03.5", 3724)]
    [InlineData("", null)]
    [InlineData("about an hour", null)]
    [InlineData("1:2:3:4", null)]
    public void Itunes_durations_are_read_in_every_form(string text, int? seconds) =>
        Assert.Equal(seconds, FeedValues.ParseDuration(text));
}
