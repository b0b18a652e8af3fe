using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PodBrief.Core.Data;
using PodBrief.Core.Jobs;

namespace PodBrief.Core.Digests;

/// <summary>
/// Every minute: enqueues every digest whose retry is due (after a 4xx or a connection failure), and any that a
/// dispatch job made but never got to send (its worker died, or the job store was lost), in batches of
/// Digests:BatchSize — the same batched send path as the daily run, so a backlog after an outage drains at the
/// speed of a normal run (issue 13). Fresh digests are their dispatch job's: enqueuing them here as well was
/// issue 10's defect 3. Also marks digests stuck in "sending" past the stale limit as unknown — their worker died
/// mid-send, so they may have gone out and are never resent.
/// </summary>
public sealed class RetryDueDigestsTick(
    PodBriefDbContext db,
    IBackgroundJobClient jobs,
    DigestSendingOptions options,
    IOptions<DigestOptions> digestOptions,
    TimeProvider clock,
    ILogger<RetryDueDigestsTick> logger) : IRecurringTick
{
    public string JobId => "retry-due-digests";

    public string Cron => "* * * * *";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var staleCutoff = now - TimeSpan.FromMinutes(options.StaleSendingMinutes);
        var stale = await MarkStaleSendingUnknownAsync(db, staleCutoff, cancellationToken);
        var enqueued = 0;
        long after = 0;
        while (true)
        {
            var due = await FindDueAsync(db, now, staleCutoff, after, digestOptions.Value.BatchSize, cancellationToken);
            if (due.Count == 0)
            {
                break;
            }
            var ids = due.ToArray();
            jobs.Enqueue<SendDigestJob>(j => j.RunBatchAsync(ids, CancellationToken.None));
            enqueued += ids.Length;
            after = ids[^1];
        }
        if (enqueued > 0 || stale > 0)
        {
            logger.LogInformation("Enqueued {Due} due digest(s); marked {Stale} stale send(s) unknown", enqueued, stale);
        }
    }

    /// <summary>Pending digests whose retry time has come (the first page of them, by id).</summary>
    public static Task<IReadOnlyList<long>> FindDueAsync(PodBriefDbContext db, DateTime now, CancellationToken cancellationToken) =>
        FindDueAsync(db, now, now - TimeSpan.FromMinutes(new DigestSendingOptions().StaleSendingMinutes), 0, 1000, cancellationToken);

    /// <summary>
    /// Pending digests with id &gt; <paramref name="afterId"/> whose retry time has come, or that never had an attempt and
    /// were made before <paramref name="unsentBefore"/> (their dispatch job is gone), in id order.
    /// </summary>
    public static async Task<IReadOnlyList<long>> FindDueAsync(
        PodBriefDbContext db, DateTime now, DateTime unsentBefore, long afterId, int take, CancellationToken cancellationToken) =>
        await db.Digests.AsNoTracking()
            .Where(d => d.State == DigestState.Pending && d.Id > afterId
                && ((d.NextAttemptAt != null && d.NextAttemptAt <= now) || (d.NextAttemptAt == null && d.CreatedAt < unsentBefore)))
            .OrderBy(d => d.Id)
            .Select(d => d.Id)
            .Take(take)
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
