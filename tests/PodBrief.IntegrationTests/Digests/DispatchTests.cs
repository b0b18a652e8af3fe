using Microsoft.Extensions.DependencyInjection;
using PodBrief.Core.Data;
using PodBrief.Core.Digests;
using PodBrief.Core.Jobs;
using PodBrief.IntegrationTests.Ranking;
using PodBrief.Testing;

namespace PodBrief.IntegrationTests.Digests;

public class DispatchTests
{
    private static readonly DateTime Now = new(2026, 3, 10, 7, 0, 0, DateTimeKind.Utc);

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task Two_dispatchers_at_once_create_one_digest_per_subscriber(DatabaseProvider provider)
    {
        var (app, jobs) = await RecordingJobClient.StartAppAsync(provider, new Dictionary<string, string?> { ["Digests:BatchSize"] = "7" });
        await using var _ = app;
        var seed = new RankingSeed(app);
        var podcast = await seed.PodcastAsync("Show");
        var episode = await seed.EpisodeAsync(podcast, Now.AddHours(-6));
        for (var i = 0; i < 6; i++)
        {
            var other = await seed.EpisodeAsync(podcast, Now.AddHours(-6));
            await seed.CardAsync(i % 2 == 0 ? episode : other, "Card " + i, RankingSeed.Axis(i), Now.AddHours(-5));
        }
        var subscribers = new List<long>();
        for (var i = 0; i < 25; i++)
        {
            subscribers.Add((await seed.SubscriberAsync("race", Now.AddMinutes(-i % 4))).Id);
        }

        var reports = await Task.WhenAll(seed.DispatchAsync(Now.AddMinutes(2)), seed.DispatchAsync(Now.AddMinutes(2)));

        foreach (var id in subscribers)
        {
            var digest = Assert.Single(seed.Digests(id));
            Assert.Equal(DigestState.Pending, digest.State);
            Assert.Equal(5, digest.Items.Count);
            Assert.Equal(new DateOnly(2026, 3, 10), digest.LocalDate);
            Assert.Equal(new DateTime(2026, 3, 11, 7, 0, 0, DateTimeKind.Utc), seed.Subscriber(id).NextSendAt);
        }
        Assert.Equal(25, reports.Sum(r => r.Count(DigestState.Pending)));
        Assert.Equal(25, reports.SelectMany(r => r.Digests).Select(d => d.DigestId).Distinct().Count());
        // The dispatcher makes rows; sending is its caller's (the batch job), so it enqueues nothing itself.
        Assert.Empty(jobs.Jobs);

        // A third run finds nothing due.
        var again = await seed.DispatchAsync(Now.AddMinutes(7));
        Assert.Equal(0, again.Due);
    }

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task After_an_outage_stale_digests_are_skipped_and_the_next_is_scheduled(DatabaseProvider provider)
    {
        var (app, jobs) = await RecordingJobClient.StartAppAsync(provider);
        await using var _ = app;
        var seed = new RankingSeed(app);
        var podcast = await seed.PodcastAsync("Show");
        var episode = await seed.EpisodeAsync(podcast, Now.AddHours(-30));
        await seed.CardAsync(episode, "A card", RankingSeed.Axis(0), Now.AddHours(-30));
        var twoDaysLate = await seed.SubscriberAsync("stale", Now.AddDays(-2));
        var fiveHoursLate = await seed.SubscriberAsync("stale", Now.AddHours(-5));
        var twoHoursLate = await seed.SubscriberAsync("late-but-fine", Now.AddHours(-2));

        var report = await seed.DispatchAsync(Now);

        var skipped = Assert.Single(seed.Digests(twoDaysLate.Id));
        Assert.Equal(DigestState.Skipped, skipped.State);
        Assert.Equal(new DateOnly(2026, 3, 8), skipped.LocalDate);
        Assert.Empty(skipped.Items);
        Assert.Contains("Digests:MaxLateness", skipped.LastError, StringComparison.Ordinal);
        Assert.Equal(new DateTime(2026, 3, 11, 7, 0, 0, DateTimeKind.Utc), seed.Subscriber(twoDaysLate.Id).NextSendAt);

        Assert.Equal(DigestState.Skipped, Assert.Single(seed.Digests(fiveHoursLate.Id)).State);
        Assert.Equal(new DateTime(2026, 3, 11, 7, 0, 0, DateTimeKind.Utc), seed.Subscriber(fiveHoursLate.Id).NextSendAt);

        var sent = Assert.Single(seed.Digests(twoHoursLate.Id));
        Assert.Equal(DigestState.Pending, sent.State);
        Assert.Equal("A card", Assert.Single(report.Digests, d => d.SubscriberId == twoHoursLate.Id).Items.Single().Headline);
        Assert.Equal(sent.Id, Assert.Single(report.Digests, d => d.State == DigestState.Pending).DigestId);
        Assert.Empty(jobs.Jobs);
        Assert.Equal(2, report.Count(DigestState.Skipped));
    }

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task Nothing_above_the_floor_makes_an_empty_digest_that_is_not_sent(DatabaseProvider provider)
    {
        var (app, jobs) = await RecordingJobClient.StartAppAsync(provider, new Dictionary<string, string?> { ["Ranking:MinScore"] = "0.3" });
        await using var _ = app;
        var seed = new RankingSeed(app);
        var podcast = await seed.PodcastAsync("Show");
        var episode = await seed.EpisodeAsync(podcast, Now.AddHours(-3));
        await seed.CardAsync(episode, "Weak card", RankingSeed.Axis(0), Now.AddHours(-2), importance: 0.1, provenance: PodBrief.Core.Data.TranscriptProvenance.ShowNotes);
        var subscriber = await seed.SubscriberAsync("empty", Now);

        await seed.DispatchAsync(Now);

        var digest = Assert.Single(seed.Digests(subscriber.Id));
        Assert.Equal(DigestState.Empty, digest.State);
        Assert.Empty(digest.Items);
        Assert.Empty(jobs.Jobs);
        Assert.Matches(@"^<[0-9a-f]{32}@localhost>$", digest.MessageId);
    }

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task The_tick_is_registered_every_five_minutes_and_a_dry_run_writes_nothing(DatabaseProvider provider)
    {
        var (app, jobs) = await RecordingJobClient.StartAppAsync(provider);
        await using var _ = app;
        var seed = new RankingSeed(app);
        var podcast = await seed.PodcastAsync("Show");
        var episode = await seed.EpisodeAsync(podcast, Now.AddHours(-3));
        await seed.CardAsync(episode, "Dry card", RankingSeed.Axis(0), Now.AddHours(-2));
        var subscriber = await seed.SubscriberAsync("dry", Now);

        var dry = await seed.DispatchAsync(Now, DispatchMode.DryRun);
        Assert.Equal("Dry card", Assert.Single(Assert.Single(dry.Digests).Items).Headline);
        Assert.Null(dry.Digests[0].DigestId);
        Assert.Empty(seed.Digests(subscriber.Id));
        Assert.Equal(Now, seed.Subscriber(subscriber.Id).NextSendAt);

        await app.WithScopeAsync(async sp =>
        {
            var tick = sp.GetServices<IRecurringTick>().OfType<DigestDispatchTick>().Single();
            Assert.Equal("*/5 * * * *", tick.Cron);
            app.Clock.SetUtcNow(Now.AddMinutes(1));
            await tick.RunAsync(TestContext.Current.CancellationToken);
        });
        Assert.Equal("DispatchDigestBatchJob.RunAsync", Assert.Single(jobs.Jobs).Method);
        await jobs.PerformAllAsync(app);
        // No Smtp:Host in this app: the batch job sends to the file outbox.
        Assert.Equal(DigestState.Sent, Assert.Single(seed.Digests(subscriber.Id)).State);
    }
}
