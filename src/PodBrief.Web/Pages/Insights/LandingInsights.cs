using Microsoft.EntityFrameworkCore;
using PodBrief.Core.Data;
using PodBrief.Web.Pages;

namespace PodBrief.Web.Pages.Insights;

/// <summary>The landing page's featured card, the related cards from other shows under it, and the signup topics.
/// <see cref="Version"/> is new with every rebuilt set: the page keys its rendered cards on it.</summary>
public sealed record LandingCards(InsightCardView? Featured, IReadOnlyList<InsightCardView> Related, IReadOnlyList<TopicOption> Topics, long Version);

/// <summary>
/// Keeps the landing page's cards in memory (issue 13 item 5), so a landing view costs a render, not a vector
/// search. At most every <see cref="CheckInterval"/> one request looks at a cheap fingerprint of the cards table
/// (count and highest id of cards and active topics: extraction adds cards, re-extraction removes them) and rebuilds
/// the set only when it changed, or when the "recent" window has moved on. Readers never wait: they get the last
/// set while one refresh runs (single flight). Every instance keeps its own copy, so workers that extract in
/// other processes are seen within one interval.
/// </summary>
public sealed class LandingInsights(IServiceScopeFactory scopes, TimeProvider clock, ILogger<LandingInsights> logger) : IDisposable
{
    public const int RelatedCount = 6;
    public static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(15);
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(30);

    private readonly SemaphoreSlim refreshing = new(1, 1);
    private long _version;
    private volatile Snapshot? current;

    private sealed record Snapshot(LandingCards Cards, (int Cards, long MaxCardId, int Topics, long MaxTopicId) Fingerprint, DateTimeOffset BuiltAt, DateTimeOffset CheckedAt);

    public async Task<LandingCards> GetAsync(CancellationToken cancellationToken)
    {
        var snapshot = current;
        var now = clock.GetUtcNow();
        if (snapshot is not null && now - snapshot.CheckedAt < CheckInterval)
        {
            return snapshot.Cards;
        }
        // The first request builds the set and waits for it; later ones never wait behind a refresh.
        if (snapshot is null)
        {
            await refreshing.WaitAsync(cancellationToken);
        }
        else if (!refreshing.Wait(0, CancellationToken.None))
        {
            return snapshot.Cards;
        }
        try
        {
            snapshot = current;
            if (snapshot is not null && clock.GetUtcNow() - snapshot.CheckedAt < CheckInterval)
            {
                return snapshot.Cards;
            }
            current = await RefreshAsync(snapshot, cancellationToken);
            return current.Cards;
        }
        catch (Exception e) when (snapshot is not null && e is not OperationCanceledException)
        {
            // A database hiccup must not take the landing page down: keep showing what we had.
            logger.LogWarning(e, "Refreshing the landing page's insight cards failed; showing the previous set");
            return snapshot.Cards;
        }
        finally
        {
            refreshing.Release();
        }
    }

    public void Dispose() => refreshing.Dispose();

    /// <summary>Drops the cached set (tests, and the admin after deleting cards).</summary>
    public void Invalidate() => current = null;

    private async Task<Snapshot> RefreshAsync(Snapshot? previous, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PodBriefDbContext>();
        var now = clock.GetUtcNow();
        var stats = await db.InsightCards.GroupBy(_ => 1)
            .Select(g => new { Count = g.Count(), MaxId = g.Max(c => c.Id) }).FirstOrDefaultAsync(cancellationToken);
        var topicStats = await db.Topics.Where(t => t.IsActive).GroupBy(_ => 1)
            .Select(g => new { Count = g.Count(), MaxId = g.Max(t => t.Id) }).FirstOrDefaultAsync(cancellationToken);
        var fingerprint = (stats?.Count ?? 0, stats?.MaxId ?? 0, topicStats?.Count ?? 0, topicStats?.MaxId ?? 0);
        if (previous is not null && previous.Fingerprint == fingerprint && now - previous.BuiltAt < MaxAge)
        {
            return previous with { CheckedAt = now };
        }
        var queries = scope.ServiceProvider.GetRequiredService<InsightCardQueries>();
        var featured = (await queries.BestRecentAsync(1, cancellationToken)).FirstOrDefault();
        var related = featured is null ? [] : await queries.RelatedAsync(featured.Id, RelatedCount, cancellationToken, otherShowsOnly: true);
        if (featured is not null && related.Count < RelatedCount)
        {
            // A young catalog (a fresh install with only the sample show, or one real show so far) has too few other
            // shows: fill up with other episodes' cards, still other shows first, rather than show a lone card.
            related = await queries.RelatedAsync(featured.Id, RelatedCount, cancellationToken);
        }
        var topics = await db.Topics.AsNoTracking().Where(t => t.IsActive).OrderBy(t => t.SortOrder).ThenBy(t => t.Name)
            .Select(t => new TopicOption(t.Slug, t.Name)).ToListAsync(cancellationToken);
        var cards = new LandingCards(featured, related, topics, Interlocked.Increment(ref _version));
        return new Snapshot(cards, fingerprint, now, now);
    }
}
