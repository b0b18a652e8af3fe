using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using PodBrief.Core.Data;
using PodBrief.Core.Digests;
using PodBrief.Core.Jobs;
using PodBrief.IntegrationTests.Ranking;
using PodBrief.Testing;

namespace PodBrief.IntegrationTests.Digests;

/// <summary>
/// Issue 13: the batch job inserts its digests already claimed by its own sender, so a digest row is written twice
/// (insert, outcome) rather than three times (insert, claim, outcome); and a batch job that fails between making
/// its digests and sending them gives the claim back, so they are retried rather than lost as "unknown".
/// </summary>
public class DispatchBornClaimedTests
{
    private static readonly DateTime Now = new(2026, 3, 10, 7, 0, 0, DateTimeKind.Utc);

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task The_batch_job_updates_its_digests_once_after_inserting_them(DatabaseProvider provider)
    {
        var (app, jobs) = await RecordingJobClient.StartAppAsync(provider);
        await using var _ = app;
        var seed = new RankingSeed(app);
        var subscribers = await SeedAsync(seed, 5);
        await RunTickAsync<DigestDispatchTick>(app, Now.AddMinutes(1));

        using var updates = new DigestUpdateCounter(app.Database.ConnectionString);
        await jobs.PerformAllAsync(app);

        var digests = subscribers.Select(id => Assert.Single(seed.Digests(id))).ToList();
        Assert.All(digests, d => Assert.Equal(DigestState.Sent, d.State));
        Assert.All(digests, d => Assert.Equal(1, d.Attempts));
        Assert.All(digests, d => Assert.Equal(d.CreatedAt, d.ClaimedAt));
        // One statement for the batch's outcomes; no claim UPDATE in between.
        Assert.Equal(1, updates.Count);
        Assert.Equal(5, Directory.GetFiles(Path.Combine(app.Database.Directory, "outbox"), "*.eml").Length);
    }

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task Digests_made_by_a_batch_job_that_then_failed_are_sent_by_the_next_retry_tick(DatabaseProvider provider)
    {
        var (app, jobs) = await RecordingJobClient.StartAppAsync(provider, new Dictionary<string, string?> { ["Digests:BatchSize"] = "4" });
        await using var _ = app;
        var seed = new RankingSeed(app);
        var subscribers = await SeedAsync(seed, 6);
        // The database refuses the second batch's digests: the job fails after the first batch committed.
        await FailInsertsForAsync(app, provider, subscribers[5]);
        app.Clock.SetUtcNow(Now.AddMinutes(1));

        await Assert.ThrowsAnyAsync<Exception>(() => app.WithScopeAsync(sp =>
            sp.GetRequiredService<DispatchDigestBatchJob>().RunAsync(subscribers[0], subscribers[^1], TestContext.Current.CancellationToken)));

        var made = subscribers.Take(4).Select(id => Assert.Single(seed.Digests(id))).ToList();
        Assert.All(made, d => Assert.Equal(DigestState.Pending, d.State));
        Assert.All(made, d => Assert.Equal(0, d.Attempts));
        Assert.All(made, d => Assert.Null(d.ClaimedBy));
        Assert.False(Directory.Exists(Path.Combine(app.Database.Directory, "outbox")), "nothing is mailed before the retry");

        // Due at once, not after the stale limit, and never marked unknown.
        await RunTickAsync<RetryDueDigestsTick>(app, Now.AddMinutes(2));
        await jobs.PerformAllAsync(app);
        Assert.All(subscribers.Take(4), id => Assert.Equal(DigestState.Sent, Assert.Single(seed.Digests(id)).State));
        Assert.Equal(4, Directory.GetFiles(Path.Combine(app.Database.Directory, "outbox"), "*.eml").Length);
    }

    /// <summary>A trigger that aborts any INSERT of a digest for this subscriber (a real fault, not a mocked one).</summary>
    private static async Task FailInsertsForAsync(TestApp app, DatabaseProvider provider, long subscriberId)
    {
        await using var db = app.CreateDbContext();
        string[] sql = provider == DatabaseProvider.Sqlite
            ? [$"CREATE TRIGGER fail_digest BEFORE INSERT ON \"Digests\" WHEN NEW.\"SubscriberId\" = {subscriberId} BEGIN SELECT RAISE(ABORT, 'injected'); END;"]
            : new[]
            {
                "CREATE FUNCTION fail_digest() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected'; END $$;",
                $"CREATE TRIGGER fail_digest BEFORE INSERT ON \"Digests\" FOR EACH ROW WHEN (NEW.\"SubscriberId\" = {subscriberId}) EXECUTE FUNCTION fail_digest();",
            };
        foreach (var statement in sql)
        {
#pragma warning disable EF1002 // Test setup: the only value is a long we made.
            await db.Database.ExecuteSqlRawAsync(statement, TestContext.Current.CancellationToken);
#pragma warning restore EF1002
        }
    }

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
            ids.Add((await seed.SubscriberAsync("born-claimed", Now.AddMinutes(-i % 4))).Id);
        }
        return ids;
    }

    private static Task RunTickAsync<T>(TestApp app, DateTime now) where T : IRecurringTick
    {
        app.Clock.SetUtcNow(now);
        return app.WithScopeAsync(sp => sp.GetServices<IRecurringTick>().OfType<T>().Single().RunAsync(TestContext.Current.CancellationToken));
    }

    /// <summary>
    /// Counts UPDATE statements on "Digests" that EF Core executes against one database (other tests run in parallel
    /// on their own databases; their commands are told apart by connection string).
    /// </summary>
    private sealed class DigestUpdateCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly string _database;
        private readonly IDisposable _all;
        private readonly List<IDisposable> _subscriptions = [];
        private int _count;

        public DigestUpdateCounter(string connectionString)
        {
            _database = new DbConnectionStringBuilder { ConnectionString = connectionString } is var b
                && (b.TryGetValue("Database", out var name) || b.TryGetValue("Data Source", out name)) ? name.ToString()! : connectionString;
            _all = DiagnosticListener.AllListeners.Subscribe(this);
        }

        public int Count => Volatile.Read(ref _count);

        public void OnNext(DiagnosticListener value)
        {
            if (value.Name == DbLoggerCategory.Name)
            {
                lock (_subscriptions)
                {
                    _subscriptions.Add(value.Subscribe(this, name => name == RelationalEventId.CommandExecuted.Name));
                }
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Value is CommandExecutedEventData data
                && data.Command.CommandText.TrimStart().StartsWith("UPDATE \"Digests\"", StringComparison.Ordinal)
                && data.Command.Connection?.ConnectionString.Contains(_database, StringComparison.Ordinal) == true)
            {
                Interlocked.Increment(ref _count);
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void Dispose()
        {
            _all.Dispose();
            lock (_subscriptions)
            {
                _subscriptions.ForEach(s => s.Dispose());
            }
        }
    }
}
