using System.Collections.Concurrent;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using PodBrief.Core.Data;
using PodBrief.Core.Jobs;
using PodBrief.Testing;

namespace PodBrief.IntegrationTests.Jobs;

/// <summary>
/// Five ticks on a real Hangfire server (in-memory storage with SQLite, the PostgreSQL job store with PostgreSQL):
/// one of them is slow, the other four must still run while it holds its lock, and a second occurrence of the
/// slow tick is skipped rather than run twice at once. They run alone: Hangfire's server takes its storage from the
/// process-wide JobStorage.Current, so another test app's in-memory store, disposed with that app, could stand in for
/// this one's (seen: the start-up run timed out beside the corpus tests, Cannot access a disposed object).
/// </summary>
[Collection(PodBrief.IntegrationTests.Digests.WholeRunCollection.Name)]
public class RecurringTickLockTests
{
    private sealed class TickLog
    {
        public ConcurrentQueue<string> Started { get; } = new();
        public TaskCompletionSource ReleaseSlow { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class TestTick(string id, TickLog log) : IRecurringTick
    {
        public string JobId => id;

        // Never due by itself during the test: the test triggers it.
        public string Cron => Hangfire.Cron.Yearly();

        public async Task RunAsync(CancellationToken cancellationToken)
        {
            log.Started.Enqueue(id);
            if (id == "test-slow")
            {
                await log.ReleaseSlow.Task.WaitAsync(TimeSpan.FromMinutes(2), cancellationToken);
            }
        }
    }

    private static readonly string[] Ids = ["test-slow", "test-a", "test-b", "test-c", "test-d"];

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task A_slow_tick_does_not_hold_up_the_others_and_does_not_run_twice_at_once(DatabaseProvider provider)
    {
        var log = new TickLog();
        await using var app = await TestApp.StartAsync(provider, new Dictionary<string, string?>
        {
            ["Jobs:RunServer"] = "true",
            ["Jobs:WorkerCount"] = "8",
            // This test triggers each tick itself and counts the runs.
            ["Jobs:RunTicksAtStart"] = "false",
        }, services =>
        {
            foreach (var id in Ids)
            {
                services.AddScoped<IRecurringTick>(_ => new TestTick(id, log));
            }
        });
        var manager = app.Services.GetRequiredService<IRecurringJobManager>();
        using (var scope = app.Services.CreateScope())
        {
            RecurringTickRunner.Schedule(manager, scope.ServiceProvider.GetServices<IRecurringTick>().Where(t => Ids.Contains(t.JobId)));
        }

        manager.Trigger("test-slow");
        await WaitUntilAsync(() => log.Started.Contains("test-slow"));
        foreach (var id in Ids.Skip(1))
        {
            manager.Trigger(id);
        }
        manager.Trigger("test-slow"); // its previous run still holds the lock: skipped, not queued behind it

        await WaitUntilAsync(() => Ids.Skip(1).All(log.Started.Contains));
        await Task.Delay(RecurringTickRunner.LockWait * 3, TestContext.Current.CancellationToken);
        Assert.Equal(1, log.Started.Count(id => id == "test-slow"));
        log.ReleaseSlow.SetResult();
    }

    [Fact]
    public async Task With_the_in_memory_job_store_every_tick_runs_once_at_start_without_waiting_for_its_cron()
    {
        var log = new TickLog();
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite, new Dictionary<string, string?>
        {
            ["Jobs:RunServer"] = "true",
            ["Insights:EmbedTopicsAtStartup"] = "false",
        }, services => services.AddScoped<IRecurringTick>(_ => new TestTick("test-a", log)));

        // Its cron is yearly: only the run at start can have started it.
        await WaitUntilAsync(() => log.Started.Contains("test-a"));
        Assert.Single(log.Started, id => id == "test-a");
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        // Generous: on a loaded 2-core CI machine Hangfire's server start and queue poll took over 30 s once; the
        // test is about which ticks run, not how fast, and a real hang still fails.
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for the ticks to run");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }
}
