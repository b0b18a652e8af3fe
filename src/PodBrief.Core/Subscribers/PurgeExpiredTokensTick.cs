using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PodBrief.Core.Data;
using PodBrief.Core.Jobs;

namespace PodBrief.Core.Subscribers;

/// <summary>
/// Daily: deletes link tokens that expired more than <see cref="Grace"/> ago. Every digest issues a Manage token
/// (60 days), so at 100,000 subscribers the table gains 100,000 rows a day; without a purge it held every token
/// ever issued, and the unique index on the hash that each day's inserts and each link click go through grew
/// without bound (issue 13). Unexpired tokens and those without an expiry (unsubscribe, private feed) stay. Deletes
/// run in chunks of <see cref="Chunk"/> rows, so no statement holds its locks long beside a running digest dispatch;
/// running it twice, or on two workers at once, deletes each row once and fails nothing.
/// </summary>
public sealed class PurgeExpiredTokensTick(PodBriefDbContext db, TimeProvider clock, ILogger<PurgeExpiredTokensTick> logger) : IRecurringTick
{
    /// <summary>
    /// A row stays this long past its expiry: the subscriber's data export (<see cref="SubscriberDataRights"/>) and an
    /// operator looking into a "this link does not work" report still see a token that expired this morning.
    /// </summary>
    public static readonly TimeSpan Grace = TimeSpan.FromDays(1);

    public const int Chunk = 10_000;

    public string JobId => "purge-expired-tokens";

    // Once a day; the hour is arbitrary, as the chunked deletes never hold their locks for long.
    public string Cron => "23 3 * * *";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow().UtcDateTime - Grace;
        var purged = 0;
        int deleted;
        do
        {
            // One DELETE … WHERE "Id" IN (SELECT … LIMIT) per chunk on either provider.
            deleted = await db.SubscriberTokens
                .Where(t => t.ExpiresAt != null && t.ExpiresAt < cutoff)
                .OrderBy(t => t.Id).Take(Chunk)
                .ExecuteDeleteAsync(cancellationToken);
            purged += deleted;
        }
        while (deleted == Chunk);
        if (purged > 0)
        {
            logger.LogInformation("Purged {Count} link token(s) that expired before {Cutoff:u}", purged, cutoff);
        }
    }
}
