using Microsoft.EntityFrameworkCore;
using PodBrief.Core.Common;
using PodBrief.Core.Data;
using PodBrief.Core.Insights;
using PodBrief.IntegrationTests.Hosting;
using PodBrief.Web.Hosting;

namespace PodBrief.IntegrationTests.Digests;

/// <summary>`digests run` as an operator runs it: the real executable on an embedded SQLite database.</summary>
public class DispatchCliTests
{
    [Fact]
    public async Task Dry_run_prints_who_would_get_what_and_writes_nothing_then_once_dispatches()
    {
        var ct = TestContext.Current.CancellationToken;
        var dataDir = Directory.CreateTempSubdirectory("podbrief-cli-").FullName;
        var (migrated, migrateOutput) = await OperatorCliTests.RunCliAsync(["migrate"], dataDir);
        Assert.True(migrated == 0, migrateOutput);
        var now = DateTime.UtcNow;
        var builder = new DbContextOptionsBuilder<PodBriefDbContext>();
        DatabaseSetup.Configure(builder, new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={Path.Combine(dataDir, "podbrief.db")};Pooling=False" },
            new AppOptions { DataDirectory = dataDir });
        long subscriberId;
        await using (var db = new PodBriefDbContext(builder.Options))
        {
            var podcast = new Podcast { FeedUrl = "https://example.test/cli.xml", Title = "Show" };
            var episode = new Episode { Podcast = podcast, IdentityKey = "cli-1", PublishedAt = now.AddHours(-2) };
            db.Add(new InsightCard
            {
                Episode = episode,
                Headline = "Dry CLI card",
                Body = "b",
                Quote = "q",
                ExtractorName = "test",
                CreatedAt = now.AddHours(-1),
                Importance = 0.9,
                Embedding = EmbeddingBytes.ToBytes([1f, 0f]),
                EmbeddingModel = "m",
            });
            var subscriber = new Subscriber { Email = "cli@example.test", EmailNormalized = "cli@example.test", Status = SubscriberStatus.Active, NextSendAt = now.AddMinutes(-1) };
            db.Add(subscriber);
            await db.SaveChangesAsync(ct);
            subscriberId = subscriber.Id;
        }

        var (exit, output) = await OperatorCliTests.RunCliAsync(["digests", "run", "--once", "--dry-run"], dataDir);

        Assert.True(exit == 0, output);
        Assert.Contains("cli@example.test", output, StringComparison.Ordinal);
        Assert.Contains("Dry CLI card", output, StringComparison.Ordinal);
        Assert.Contains("Top insight today", output, StringComparison.Ordinal);
        await using (var db = new PodBriefDbContext(builder.Options))
        {
            Assert.Equal(0, await db.Digests.CountAsync(ct));
        }

        // Without --dry-run the digest row is made; sending is the delivery work's (reported per digest).
        var (_, runOutput) = await OperatorCliTests.RunCliAsync(["digests", "run", "--once"], dataDir);
        Assert.Contains("1 due", runOutput, StringComparison.Ordinal);
        await using (var db = new PodBriefDbContext(builder.Options))
        {
            var digest = await db.Digests.Include(d => d.Items).SingleAsync(ct);
            Assert.Equal(subscriberId, digest.SubscriberId);
            Assert.Single(digest.Items);
            Assert.True((await db.Subscribers.SingleAsync(ct)).NextSendAt > now);
        }
    }
}
