using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PodBrief.Core.Data;
using PodBrief.Core.Jobs;

namespace PodBrief.Core.Insights;

/// <summary>Which episodes are due for extraction, derived from the database (so a lost job store loses nothing).</summary>
public static class ExtractionQueue
{
    /// <summary>
    /// Episodes with a transcript whose extraction is pending, or waiting with its next attempt passed, published
    /// within the age limit. <paramref name="force"/> drops the age limit and includes episodes already done.
    /// </summary>
    public static Task<List<long>> DueEpisodeIdsAsync(PodBriefDbContext db, DateTime now, int maxAgeDays, bool force, int limit, CancellationToken cancellationToken)
    {
        var since = now.AddDays(-maxAgeDays);
        var query = db.Episodes.Where(e => db.Transcripts.Any(t => t.EpisodeId == e.Id));
        query = force
            ? query.Where(e => e.ExtractionStatus != ExtractionStatus.Waiting || e.ExtractionNextAttemptAt == null || e.ExtractionNextAttemptAt <= now)
            : query.Where(e => e.PublishedAt >= since
                && (e.ExtractionStatus == ExtractionStatus.Pending
                    || (e.ExtractionStatus == ExtractionStatus.Waiting && (e.ExtractionNextAttemptAt == null || e.ExtractionNextAttemptAt <= now))));
        return query.OrderByDescending(e => e.PublishedAt).ThenBy(e => e.Id).Select(e => e.Id).Take(limit).ToListAsync(cancellationToken);
    }
}

/// <summary>Every few minutes: enqueue one <see cref="ExtractEpisodeJob"/> per due episode; mark stale ones skipped.</summary>
public sealed class ExtractDueEpisodesTick(
    PodBriefDbContext db,
    IBackgroundJobClient jobs,
    IOptions<InsightsOptions> options,
    TimeProvider clock) : IRecurringTick
{
    private const int BatchLimit = 200;

    public string JobId => "extract-due-episodes";

    public string Cron => options.Value.TickCron;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var since = now.AddDays(-options.Value.MaxEpisodeAgeDays);
        // Old pending episodes are never extracted unless forced; say so on the row instead of leaving them pending.
        await db.Episodes
            .Where(e => e.ExtractionStatus == ExtractionStatus.Pending && e.PublishedAt < since && e.TranscriptStatus != TranscriptStatus.Pending)
            .ExecuteUpdateAsync(s => s
                .SetProperty(e => e.ExtractionStatus, ExtractionStatus.Skipped)
                .SetProperty(e => e.ExtractionLastError, "older than Insights:MaxEpisodeAgeDays"), cancellationToken);

        var due = await ExtractionQueue.DueEpisodeIdsAsync(db, now, options.Value.MaxEpisodeAgeDays, force: false, BatchLimit, cancellationToken);
        foreach (var id in due)
        {
            jobs.Enqueue<ExtractEpisodeJob>(j => j.RunAsync(id, CancellationToken.None));
        }
    }
}
