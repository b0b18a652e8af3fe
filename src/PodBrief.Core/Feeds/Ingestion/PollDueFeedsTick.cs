using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PodBrief.Core.Common.Http;
using PodBrief.Core.Data;
using PodBrief.Core.Jobs;

namespace PodBrief.Core.Feeds.Ingestion;

/// <summary>
/// Every minute: podcasts whose next check has passed get one <see cref="RefreshPodcastJob"/> each, at most
/// Feeds:PerHostConcurrency per host per tick (politeness towards big hosts such as Buzzsprout), and their next check is
/// leased a few minutes ahead so the next tick does not enqueue them again before the job ran.
/// </summary>
public sealed class PollDueFeedsTick(PodBriefDbContext db, IBackgroundJobClient jobs, IOptions<FeedsOptions> options, IOptions<SafeHttpOptions> http, TimeProvider clock) : IRecurringTick
{
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);

    public string JobId => "poll-due-feeds";

    public string Cron => "* * * * *";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await DueAsync(db, now, force: false, options.Value.MaxFeedsPerTick * 4, cancellationToken);
        var perHost = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var enqueued = 0;
        foreach (var podcast in due)
        {
            var host = Uri.TryCreate(podcast.FeedUrl, UriKind.Absolute, out var uri) ? uri.Host : "";
            var count = perHost.GetValueOrDefault(host);
            if (count >= http.Value.PerHostConcurrency || enqueued >= options.Value.MaxFeedsPerTick)
            {
                continue;
            }
            perHost[host] = count + 1;
            podcast.NextCheckAt = now + Lease;
            await db.SaveChangesAsync(cancellationToken);
            var id = podcast.Id;
            jobs.Enqueue<RefreshPodcastJob>(j => j.RunAsync(id, CancellationToken.None));
            enqueued++;
        }
    }

    /// <summary>Podcasts to poll now: due Active and Blocked ones (a block can be lifted), or with force every one not disabled.</summary>
    public static Task<List<Podcast>> DueAsync(PodBriefDbContext db, DateTime now, bool force, int max, CancellationToken ct)
    {
        var query = force
            ? db.Podcasts.Where(p => p.Status != PodcastStatus.Disabled)
            : db.Podcasts.Where(p => (p.Status == PodcastStatus.Active || p.Status == PodcastStatus.Blocked) && p.NextCheckAt <= now);
        return query.OrderBy(p => p.NextCheckAt).ThenBy(p => p.Id).Take(max).ToListAsync(ct);
    }
}
