using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PodBrief.Core.Data;
using PodBrief.Core.Digests;
using PodBrief.IntegrationTests.Hosting;
using PodBrief.Testing;

namespace PodBrief.IntegrationTests.Digests.Sending;

/// <summary>`digests run --once` as an operator runs it (the real executable) against a real SMTP sink.</summary>
public class DigestsRunCliTests
{
    [Fact]
    public async Task Smtp_failures_are_reported_and_the_run_exits_non_zero()
    {
        var ct = TestContext.Current.CancellationToken;
        var (dataDir, options) = await OperatorCliTests.MigratedDataDirectoryAsync();
        SeededDigest seeded;
        await using (var db = new PodBriefDbContext(options))
        {
            seeded = await DeliveryFixture.SeedAsync(db, DateTime.UtcNow, "down@example.com", []);
        }

        // Nothing listens on this port: every send fails before any data goes out.
        var (exit, output) = await OperatorCliTests.RunCliAsync(["digests", "run", "--once"], dataDir, Smtp(SmtpSink.FreePort()));

        Assert.True(exit != 0, output);
        Assert.Contains("0 sent", output, StringComparison.Ordinal);
        Assert.Contains("1 waiting to retry", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Sent 1 of 1", output, StringComparison.Ordinal);
        await using (var db = new PodBriefDbContext(options))
        {
            var digest = await db.Digests.SingleAsync(d => d.Id == seeded.DigestId, ct);
            Assert.Equal(DigestState.Pending, digest.State);
            Assert.NotNull(digest.NextAttemptAt);
            Assert.NotNull(digest.LastError);
        }
    }

    [Fact]
    public async Task Digests_waiting_for_a_retry_that_is_due_are_sent_by_the_run()
    {
        var ct = TestContext.Current.CancellationToken;
        var (dataDir, options) = await OperatorCliTests.MigratedDataDirectoryAsync();
        SeededDigest due;
        SeededDigest later;
        await using (var db = new PodBriefDbContext(options))
        {
            due = await DeliveryFixture.SeedAsync(db, DateTime.UtcNow, "due@example.com", []);
            later = await DeliveryFixture.SeedAsync(db, DateTime.UtcNow, "later@example.com", []);
            await db.Digests.Where(d => d.Id == due.DigestId).ExecuteUpdateAsync(s => s
                .SetProperty(d => d.Attempts, 1).SetProperty(d => d.LastError, "SMTP 451: try later")
                .SetProperty(d => d.NextAttemptAt, DateTime.UtcNow.AddMinutes(-1)), ct);
            await db.Digests.Where(d => d.Id == later.DigestId).ExecuteUpdateAsync(s => s
                .SetProperty(d => d.Attempts, 1).SetProperty(d => d.NextAttemptAt, DateTime.UtcNow.AddHours(1)), ct);
        }
        await using var sink = await SmtpSink.StartAsync();

        var (exit, output) = await OperatorCliTests.RunCliAsync(["digests", "run", "--once"], dataDir, Smtp(sink.Port));

        Assert.True(exit == 0, output);
        var message = Assert.Single(sink.Messages);
        Assert.Equal(due.MessageId.Trim('<', '>'), message.MessageId);
        await using var check = new PodBriefDbContext(options);
        var sent = await check.Digests.SingleAsync(d => d.Id == due.DigestId, ct);
        Assert.Equal(DigestState.Sent, sent.State);
        Assert.Equal(2, sent.Attempts);
        Assert.Equal(DigestState.Pending, (await check.Digests.SingleAsync(d => d.Id == later.DigestId, ct)).State);
    }

    private static Dictionary<string, string> Smtp(int port) => new()
    {
        ["Smtp__Host"] = "127.0.0.1",
        ["Smtp__Port"] = port.ToString(CultureInfo.InvariantCulture),
        ["Smtp__Security"] = "None",
        ["Smtp__TimeoutSeconds"] = "5",
    };
}
