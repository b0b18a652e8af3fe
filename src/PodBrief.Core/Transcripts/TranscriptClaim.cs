using Microsoft.EntityFrameworkCore;
using PodBrief.Core.Data;

namespace PodBrief.Core.Transcripts;

/// <summary>
/// Claims an episode's transcript stage with one conditional update, as <c>ExtractionClaim</c> does for extraction: of
/// two workers (two `poll --once`, the CLI beside the web app's job, or a job Hangfire runs again) only one downloads
/// the transcript or pays speech to text. The lease runs out by itself when a worker dies mid-run.
/// </summary>
public static class TranscriptClaim
{
    /// <summary>Longer than one speech-to-text upload and its retries can take.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(30);

    /// <summary>True when this caller now holds the episode; false when another worker does or a transcript is stored.</summary>
    public static async Task<bool> TryClaimAsync(PodBriefDbContext db, long episodeId, DateTime now, CancellationToken cancellationToken)
    {
        var leaseUntil = now + Lease;
        return await db.Episodes
            .Where(e => e.Id == episodeId && e.TranscriptStatus != TranscriptStatus.Available
                && (e.TranscriptLeaseUntil == null || e.TranscriptLeaseUntil <= now))
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.TranscriptLeaseUntil, leaseUntil), cancellationToken) == 1;
    }

    public static Task ReleaseAsync(PodBriefDbContext db, long episodeId, CancellationToken cancellationToken) =>
        db.Episodes.Where(e => e.Id == episodeId)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.TranscriptLeaseUntil, (DateTime?)null), cancellationToken);
}
