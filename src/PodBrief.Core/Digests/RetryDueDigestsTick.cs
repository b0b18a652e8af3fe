using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PodBrief.Core.Data;
using PodBrief.Core.Jobs;

namespace PodBrief.Core.Digests;

/// <summary>
/// Every minute: re-enqueues digests that are pending and due (retries after a 4xx or connection failure, and
/// any whose job was lost with the job store), and marks digests stuck in "sending" past the stale limit as
/// unknown — their worker died mid-send, so they may have gone out and are never resent.
/// </summary>
public sealed class RetryDueDigestsTick(
    PodBriefDbContext db,
    IBackgroundJobClient jobs,
    DigestSendingOptions options,
    TimeProvider clock,
    ILogger<RetryDueDigestsTick> logger) : IRecurringTick
{
    public const int BatchSize = 500;

    public string JobId => "retry-due-digests";

    public string Cron => "* * * * *";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var stale = await MarkStaleSendingUnknownAsync(db, now - TimeSpan.FromMinutes(options.StaleSendingMinutes), cancellationToken);
        var due = await FindDueAsync(db, now, cancellationToken);
        foreach (var id in due)
        {
            jobs.Enqueue<SendDigestJob>(j => j.RunAsync(id, CancellationToken.None));
        }
        if (due.Count > 0 || stale > 0)
        {
            logger.LogInformation("Enqueued {Due} due digest(s); marked {Stale} stale send(s) unknown", due.Count, stale);
        }
    }

    /// <summary>Pending digests whose next attempt time has come (or was never set), oldest first.</summary>
    public static async Task<IReadOnlyList<long>> FindDueAsync(PodBriefDbContext db, DateTime now, CancellationToken cancellationToken) =>
        await db.Digests.AsNoTracking()
            .Where(d => d.State == DigestState.Pending && (d.NextAttemptAt == null || d.NextAttemptAt <= now))
            .OrderBy(d => d.NextAttemptAt).ThenBy(d => d.Id)
            .Select(d => d.Id)
            .Take(BatchSize)
            .ToListAsync(cancellationToken);

    /// <summary>Digests claimed before <paramref name="cutoff"/> and still "sending" become unknown.</summary>
    public static async Task<int> MarkStaleSendingUnknownAsync(PodBriefDbContext db, DateTime cutoff, CancellationToken cancellationToken) =>
        await db.Digests
            .Where(d => d.State == DigestState.Sending && d.ClaimedAt < cutoff)
            .ExecuteUpdateAsync(s => s
                .SetProperty(d => d.State, DigestState.Unknown)
                .SetProperty(d => d.LastError, "The sending worker stopped mid-send; it may have gone out, so it is not resent."),
                cancellationToken);
}
