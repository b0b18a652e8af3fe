using Microsoft.EntityFrameworkCore;
using PodBrief.Core.Data;
using PodBrief.Testing;

namespace PodBrief.IntegrationTests.Data;

public class SchemaTests
{
    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task Migrations_capture_the_whole_model(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.CreateContext();

        Assert.False(db.Database.HasPendingModelChanges(),
            $"The {provider} migrations lag behind the model: run scripts/add-migration.sh <Name>.");
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Sqlite_connections_run_in_wal_mode_with_commits_synced_at_checkpoints()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var db = database.CreateContext();

        // 1 is NORMAL (SQLite's default is 2, FULL: a sync at every commit); each new connection gets it.
        Assert.Equal("wal", await db.Database.SqlQueryRaw<string>("SELECT journal_mode AS Value FROM pragma_journal_mode").SingleAsync(ct));
        Assert.Equal(1L, await db.Database.SqlQueryRaw<long>("SELECT synchronous AS Value FROM pragma_synchronous").SingleAsync(ct));
        await using var second = database.CreateContext();
        Assert.Equal(1L, await second.Database.SqlQueryRaw<long>("SELECT synchronous AS Value FROM pragma_synchronous").SingleAsync(ct));
    }

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task A_second_digest_for_the_same_subscriber_and_local_date_is_refused(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.CreateContext())
        {
            db.Subscribers.Add(new Subscriber { Email = "Ada@Example.com", EmailNormalized = "ada@example.com", CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync(ct);
        }
        await using (var db = database.CreateContext())
        {
            var subscriber = await db.Subscribers.SingleAsync(ct);
            db.Digests.Add(NewDigest(subscriber.Id, "a"));
            await db.SaveChangesAsync(ct);
        }
        await using (var db = database.CreateContext())
        {
            var subscriber = await db.Subscribers.SingleAsync(ct);
            db.Digests.Add(NewDigest(subscriber.Id, "b"));
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(ct));
        }
    }

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task Timestamps_and_enums_round_trip_as_utc_and_names(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider);
        var next = new DateTime(2026, 3, 8, 6, 59, 59, DateTimeKind.Utc);
        await using (var db = database.CreateContext())
        {
            db.Podcasts.Add(new Podcast { FeedUrl = "https://example.com/feed.xml", Status = PodcastStatus.Blocked, NextCheckAt = next });
            await db.SaveChangesAsync(ct);
        }
        await using (var db = database.CreateContext())
        {
            var podcast = await db.Podcasts.SingleAsync(p => p.NextCheckAt <= next && p.Status == PodcastStatus.Blocked, ct);
            Assert.Equal(DateTimeKind.Utc, podcast.NextCheckAt.Kind);
            Assert.Equal(next, podcast.NextCheckAt);
        }
    }

    private static Digest NewDigest(long subscriberId, string id) => new()
    {
        SubscriberId = subscriberId,
        LocalDate = new DateOnly(2026, 3, 8),
        MessageId = $"<{id}@podbrief.test>",
        ScheduledFor = DateTime.UtcNow,
        CreatedAt = DateTime.UtcNow,
    };
}
