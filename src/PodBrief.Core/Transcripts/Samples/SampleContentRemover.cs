using Microsoft.EntityFrameworkCore;
using PodBrief.Core.Data;

namespace PodBrief.Core.Transcripts.Samples;

/// <summary>What `podcasts remove-sample` removed.</summary>
public sealed record SampleRemoval(int Podcasts, int Episodes, int Cards);

/// <summary>
/// Removes the sample show and everything derived from it: episodes, transcripts and cards go with the podcast
/// (cascading foreign keys), digest items of those cards too; feedback keeps its row with the card cleared. Clusters
/// left empty are deleted and clusters whose canonical card went get a remaining card as canonical. Safe to run twice.
/// </summary>
public sealed class SampleContentRemover(PodBriefDbContext db)
{
    public async Task<SampleRemoval> RemoveAsync(CancellationToken cancellationToken)
    {
        var podcastIds = await db.Podcasts.Where(p => p.AddedBy == PodcastSource.Sample).Select(p => p.Id).ToListAsync(cancellationToken);
        if (podcastIds.Count == 0)
        {
            return new SampleRemoval(0, 0, 0);
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var episodes = await db.Episodes.CountAsync(e => podcastIds.Contains(e.PodcastId), cancellationToken);
        var cards = await db.InsightCards.CountAsync(c => podcastIds.Contains(c.PodcastId), cancellationToken);
        var clusterIds = await db.InsightCards.Where(c => podcastIds.Contains(c.PodcastId) && c.ClusterId != null)
            .Select(c => c.ClusterId!.Value).Distinct().ToListAsync(cancellationToken);

        await db.Podcasts.Where(p => podcastIds.Contains(p.Id)).ExecuteDeleteAsync(cancellationToken);

        await db.InsightClusters.Where(k => clusterIds.Contains(k.Id) && !db.InsightCards.Any(c => c.ClusterId == k.Id))
            .ExecuteDeleteAsync(cancellationToken);
        await db.InsightClusters.Where(k => clusterIds.Contains(k.Id))
            .ExecuteUpdateAsync(s => s
                .SetProperty(k => k.CardCount, k => db.InsightCards.Count(c => c.ClusterId == k.Id))
                .SetProperty(k => k.CanonicalCardId, k => db.InsightCards.Any(c => c.Id == k.CanonicalCardId)
                    ? k.CanonicalCardId
                    : db.InsightCards.Where(c => c.ClusterId == k.Id).OrderBy(c => c.Id).Select(c => (long?)c.Id).FirstOrDefault()),
                cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new SampleRemoval(podcastIds.Count, episodes, cards);
    }
}
