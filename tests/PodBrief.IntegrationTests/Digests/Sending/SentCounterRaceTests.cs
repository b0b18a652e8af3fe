using PodBrief.Core.Common;
using PodBrief.Core.Data;
using PodBrief.Core.Digests;
using PodBrief.Core.Subscribers;
using PodBrief.Testing;

namespace PodBrief.IntegrationTests.Digests.Sending;

/// <summary>Issue 10, defect 4: the "digests sent" counter must not turn a delivered digest into "unknown".</summary>
public class SentCounterRaceTests
{
    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task The_first_two_sends_of_a_day_both_count_and_the_digest_stays_sent(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var f = await DeliveryFixture.StartAsync(provider);
        var seeded = await f.SeedDigestAsync();

        // Another worker's first send of the day has created the counter row and not committed yet.
        await using var other = f.App.CreateDbContext();
        await using var otherTransaction = await other.Database.BeginTransactionAsync(ct);
        other.AggregateCounters.Add(new AggregateCounter { Name = SendDigestJob.SentCounter, Value = 1 });
        await other.SaveChangesAsync(ct);

        var send = Task.Run(() => f.SendAsync(seeded.DigestId), ct);
        // PostgreSQL: our send goes out, then its counter write waits on the other row. SQLite: it waits for the lock.
        for (var i = 0; i < 50 && f.Sink!.Messages.Count == 0 && !send.IsCompleted; i++)
        {
            await Task.Delay(20, ct);
        }
        await Task.Delay(500, ct);
        await otherTransaction.CommitAsync(ct);
        await send;

        Assert.Single(f.Sink!.Messages);
        Assert.Equal(DigestState.Sent, (await f.DigestAsync(seeded.DigestId)).State);
        await using var db = f.App.CreateDbContext();
        Assert.Equal(2, await AggregateCounters.ValueAsync(db, SendDigestJob.SentCounter, ct));
    }
}
