using Microsoft.EntityFrameworkCore;
using PodBrief.Core.Data;

namespace PodBrief.Core.Insights;

/// <summary>
/// Claims an episode for extraction with one conditional update, like feeds and transcripts: of two workers (two
/// job servers, or the CLI beside the web app) only one wins, so the LLM is paid once. The lease expires by itself
/// when a worker dies mid-run.
/// </summary>
public static class ExtractionClaim
{
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(30);

    /// <summary>
    /// True when this caller now holds the episode. Without <paramref name="force"/> only a due episode (pending, or
    /// waiting with its retry time passed) can be claimed, so a job that runs twice finds the work done.
    /// </summary>
    public static async Task<bool> TryClaimAsync(PodBriefDbContext db, long episodeId, DateTime now, bool force, CancellationToken cancellationToken)
    {
        var free = db.Episodes.Where(e => e.Id == episodeId && (e.ExtractionLeaseUntil == null || e.ExtractionLeaseUntil <= now));
        if (!force)
        {
            free = free.Where(e => e.ExtractionStatus == ExtractionStatus.Pending
                || (e.ExtractionStatus == ExtractionStatus.Waiting && (e.ExtractionNextAttemptAt == null || e.ExtractionNextAttemptAt <= now)));
        }
        var leaseUntil = now + Lease;
        return await free.ExecuteUpdateAsync(s => s.SetProperty(e => e.ExtractionLeaseUntil, leaseUntil), cancellationToken) == 1;
    }

    /// <summary>Why a claim failed, for the CLI and the logs.</summary>
    public static async Task<string> WhyNotAsync(PodBriefDbContext db, long episodeId, DateTime now, CancellationToken cancellationToken)
    {
        var row = await db.Episodes.AsNoTracking().Where(e => e.Id == episodeId)
            .Select(e => new { e.ExtractionStatus, e.ExtractionLeaseUntil }).FirstOrDefaultAsync(cancellationToken);
        return row is null ? "episode not found"
            : row.ExtractionLeaseUntil > now ? "being extracted by another worker"
            : $"not due (extraction {row.ExtractionStatus.ToString().ToLowerInvariant()})";
    }
}
