using Hangfire.Common;
using Microsoft.Extensions.DependencyInjection;
using PodBrief.Core.Data;
using PodBrief.Core.Digests;
using PodBrief.Core.Jobs;
using PodBrief.IntegrationTests.Ranking;
using PodBrief.Testing;

namespace PodBrief.IntegrationTests.Digests;

/// <summary>Issue 10, defects 3 and 16: who enqueues what in the daily run, and that the tick itself ranks nothing.</summary>
public class DispatchBatchJobTests
{
    private static readonly DateTime Now = new(2026, 3, 10, 7, 0, 0, DateTimeKind.Utc);

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task The_tick_enqueues_batches_by_id_and_the_batches_make_and_send_every_digest(DatabaseProvider provider)
    {
        var (app, jobs) = await RecordingJobClient.StartAppAsync(provider, new Dictionary<string, string?> { ["Digests:BatchSize"] = "10" });
        await using var _ = app;
        var seed = new RankingSeed(app);
        var subscribers = await SeedAsync(seed, 25);

        await RunTickAsync<DigestDispatchTick>(app, Now.AddMinutes(1));

        // The tick holds the lock for one query: no ranking, no rows.
        Assert.All(subscribers, id => Assert.Empty(seed.Digests(id)));
        var batches = jobs.All.ToList();
        Assert.Equal(3, batches.Count);
        Assert.All(batches, j => Assert.Equal(nameof(DispatchDigestBatchJob.RunAsync), j.Method.Name));
        var ranges = batches.Select(j => ((long)j.Args[0], (long)j.Args[1])).ToList();
        Assert.All(subscribers, id => Assert.Single(ranges, r => r.Item1 <= id && id <= r.Item2));

        await jobs.PerformAllAsync(app);

        Assert.All(subscribers, id => Assert.Equal(DigestState.Sent, Assert.Single(seed.Digests(id)).State));
        Assert.Equal(25, Directory.GetFiles(Path.Combine(app.Database.Directory, "outbox"), "*.eml").Length);
    }

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task Every_new_digest_is_enqueued_once_although_the_retry_tick_runs_in_between(DatabaseProvider provider)
    {
        var (app, jobs) = await RecordingJobClient.StartAppAsync(provider);
        await using var _ = app;
        var seed = new RankingSeed(app);
        var subscribers = await SeedAsync(seed, 6);

        await RunTickAsync<DigestDispatchTick>(app, Now.AddMinutes(1));
        await RunTickAsync<RetryDueDigestsTick>(app, Now.AddMinutes(1));
        var enqueued = jobs.All.ToList();
        await jobs.PerformAllAsync(app);
        await RunTickAsync<RetryDueDigestsTick>(app, Now.AddMinutes(2));
        enqueued.AddRange(jobs.All);
        await jobs.PerformAllAsync(app);

        var digestIds = subscribers.Select(id => Assert.Single(seed.Digests(id))).ToList();
        Assert.All(digestIds, d => Assert.Equal(DigestState.Sent, d.State));
        Assert.All(digestIds, d => Assert.Equal(1, d.Attempts));
        // No digest is carried by a second job: the retry tick leaves fresh digests to the job that made them.
        var carried = enqueued.SelectMany(DigestIdsIn).ToList();
        Assert.Equal(carried.Distinct().Count(), carried.Count);
        Assert.Equal(6, Directory.GetFiles(Path.Combine(app.Database.Directory, "outbox"), "*.eml").Length);
    }

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task A_digest_whose_dispatch_job_died_before_sending_is_picked_up_by_the_retry_tick(DatabaseProvider provider)
    {
        var (app, jobs) = await RecordingJobClient.StartAppAsync(provider);
        await using var _ = app;
        var seed = new RankingSeed(app);
        var subscriber = Assert.Single(await SeedAsync(seed, 1));
        app.Clock.SetUtcNow(Now);
        // The rows are made, then the worker dies: nothing sends them.
        await seed.DispatchAsync(Now);
        var digest = Assert.Single(seed.Digests(subscriber));

        await RunTickAsync<RetryDueDigestsTick>(app, Now.AddMinutes(1));
        Assert.Empty(jobs.All);

        await RunTickAsync<RetryDueDigestsTick>(app, Now.AddMinutes(16));
        Assert.Equal([digest.Id], (long[])Assert.Single(jobs.All).Args[0]);
        await jobs.PerformAllAsync(app);
        Assert.Equal(DigestState.Sent, Assert.Single(seed.Digests(subscriber)).State);
    }

    private static IEnumerable<long> DigestIdsIn(Job job) => job.Type != typeof(SendDigestJob) ? [] : job.Args[0] switch
    {
        long id => [id],
        long[] ids => ids,
        _ => [],
    };

    private static async Task<List<long>> SeedAsync(RankingSeed seed, int count)
    {
        var podcast = await seed.PodcastAsync("Show");
        for (var i = 0; i < 6; i++)
        {
            var episode = await seed.EpisodeAsync(podcast, Now.AddHours(-6));
            await seed.CardAsync(episode, "Card " + i, RankingSeed.Axis(i), Now.AddHours(-5));
        }
        var ids = new List<long>();
        for (var i = 0; i < count; i++)
        {
            ids.Add((await seed.SubscriberAsync("batch", Now.AddMinutes(-i % 4))).Id);
        }
        return ids;
    }

    private static Task RunTickAsync<T>(TestApp app, DateTime now) where T : IRecurringTick
    {
        app.Clock.SetUtcNow(now);
        return app.WithScopeAsync(sp => sp.GetServices<IRecurringTick>().OfType<T>().Single().RunAsync(TestContext.Current.CancellationToken));
    }
}
