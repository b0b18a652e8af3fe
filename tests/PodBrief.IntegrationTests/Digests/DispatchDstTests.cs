using PodBrief.Core.Data;
using PodBrief.Core.Subscribers;
using PodBrief.IntegrationTests.Ranking;

namespace PodBrief.IntegrationTests.Digests;

/// <summary>
/// The dispatcher driven at 5-minute steps across both daylight-saving transitions of two zones: every subscriber
/// gets exactly one digest per local day, at the local time they chose (a time in the spring gap moves on by the
/// gap; a time that happens twice in autumn is taken the first time).
/// </summary>
public class DispatchDstTests
{
    public static TheoryData<DatabaseProvider, string, string> Transitions
    {
        get
        {
            var data = new TheoryData<DatabaseProvider, string, string>();
            foreach (var provider in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
            {
                data.Add(provider, "America/New_York", "2026-03-08"); // 02:00 → 03:00
                data.Add(provider, "America/New_York", "2026-11-01"); // 02:00 → 01:00
                data.Add(provider, "Europe/Berlin", "2026-03-29");    // 02:00 → 03:00
                data.Add(provider, "Europe/Berlin", "2026-10-25");    // 03:00 → 02:00
            }
            return data;
        }
    }

    [Theory, MemberData(nameof(Transitions))]
    public async Task One_digest_per_local_day_across_a_transition(DatabaseProvider provider, string zoneId, string transitionDay)
    {
        var (app, jobs) = await RecordingJobClient.StartAppAsync(provider);
        await using var _ = app;
        var seed = new RankingSeed(app);
        var zone = DeliverySchedule.FindZone(zoneId);
        var transition = DateOnly.Parse(transitionDay, System.Globalization.CultureInfo.InvariantCulture);
        var firstDay = transition.AddDays(-1);
        var start = TimeZoneInfo.ConvertTimeToUtc(firstDay.ToDateTime(TimeOnly.MinValue), zone);
        var end = TimeZoneInfo.ConvertTimeToUtc(transition.AddDays(2).ToDateTime(TimeOnly.MinValue), zone);

        // 01:30 and 02:30 fall in New York's and Berlin's gap or repeated hour; 07:00 is the ordinary case.
        var times = new[] { new TimeOnly(1, 30), new TimeOnly(2, 30), new TimeOnly(7, 0) };
        var subscribers = new List<Subscriber>();
        foreach (var time in times)
        {
            var next = DeliverySchedule.NextSendAt(zoneId, time, DeliveryFrequency.Daily, DayOfWeek.Monday, start)!.Value;
            subscribers.Add(await seed.SubscriberAsync("dst", next, timeZone: zoneId, at: time));
        }

        for (var now = start; now <= end; now = now.AddMinutes(5))
        {
            await seed.DispatchAsync(now);
        }

        var expectedDays = new[] { firstDay, transition, transition.AddDays(1) };
        foreach (var (subscriber, time) in subscribers.Zip(times))
        {
            var digests = seed.Digests(subscriber.Id);
            Assert.Equal(expectedDays, digests.Select(d => d.LocalDate).ToArray());
            foreach (var digest in digests)
            {
                var local = TimeZoneInfo.ConvertTimeFromUtc(digest.ScheduledFor, zone);
                Assert.Equal(digest.LocalDate, DateOnly.FromDateTime(local));
                var localTime = TimeOnly.FromDateTime(local);
                if (zone.IsInvalidTime(digest.LocalDate.ToDateTime(time)))
                {
                    Assert.Equal(time.AddHours(1), localTime); // the gap is an hour in both zones
                }
                else
                {
                    Assert.Equal(time, localTime);
                    if (zone.IsAmbiguousTime(digest.LocalDate.ToDateTime(time)))
                    {
                        Assert.True(zone.IsDaylightSavingTime(digest.ScheduledFor), "the first of the two 01:30s is the daylight one");
                    }
                }
                Assert.Equal(DigestState.Empty, digest.State); // no cards in this test: nothing to send
            }
            var after = seed.Subscriber(subscriber.Id);
            Assert.True(after.NextSendAt > end);
        }
        Assert.Empty(jobs.Jobs);
    }
}
