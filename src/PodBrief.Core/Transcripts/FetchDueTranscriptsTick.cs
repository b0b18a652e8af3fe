using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PodBrief.Core.Data;
using PodBrief.Core.Jobs;

namespace PodBrief.Core.Transcripts;

/// <summary>
/// Every few minutes: finds episodes whose transcript stage is due and enqueues one <see cref="TranscriptFetchJob"/>
/// each. Enqueued episodes are leased for <see cref="Lease"/> (next attempt moved forward) so the next tick does not
/// enqueue them again; if the job store is lost, the lease runs out and the episode is picked up again.
/// </summary>
public sealed class FetchDueTranscriptsTick(
    TranscriptFetchJob job,
    PodBriefDbContext db,
    IBackgroundJobClient jobs,
    IOptions<TranscriptOptions> options,
    TimeProvider clock) : IRecurringTick
{
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(30);

    public string JobId => "fetch-due-transcripts";

    public string Cron => options.Value.TickCron;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var ids = await job.DueEpisodeIdsAsync(options.Value.BatchSize, cancellationToken);
        if (ids.Count == 0)
        {
            return;
        }
        var leaseUntil = clock.GetUtcNow().UtcDateTime + Lease;
        await db.Episodes.Where(e => ids.Contains(e.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.TranscriptNextAttemptAt, leaseUntil), cancellationToken);
        foreach (var id in ids)
        {
            jobs.Enqueue<TranscriptFetchJob>(j => j.RunAsync(id, CancellationToken.None));
        }
    }
}
