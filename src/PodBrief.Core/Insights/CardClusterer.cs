using System.Numerics.Tensors;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PodBrief.Core.Data;

namespace PodBrief.Core.Insights;

/// <summary>
/// Cross-episode dedupe: a new card whose embedding is within <see cref="InsightsOptions.DedupeThreshold"/> of a
/// recent card from another episode joins that card's cluster (or starts one with it). The cluster's canonical
/// card is the most important member; the others are shown as "also discussed in …".
/// </summary>
public sealed class CardClusterer(IOptions<InsightsOptions> options, TimeProvider clock)
{
    /// <summary>
    /// Tuned on the corpus with all-MiniLM-L6-v2 (see the closing note of issue 4): the same claim extracted from
    /// two renderings of one episode scores 0.85–1.0, while nearest neighbours between different episodes of
    /// related shows stay below about 0.75.
    /// </summary>
    public const double DefaultThreshold = 0.80;

    public async Task AssignAsync(PodBriefDbContext db, IReadOnlyList<InsightCard> cards, CancellationToken cancellationToken)
    {
        var withVectors = cards.Where(c => c.Embedding is not null && c.EmbeddingModel is not null).ToList();
        if (withVectors.Count == 0)
        {
            return;
        }
        var since = clock.GetUtcNow().UtcDateTime.AddDays(-options.Value.DedupeWindowDays);
        var model = withVectors[0].EmbeddingModel;
        var newIds = withVectors.Select(c => c.Id).ToList();
        var recent = await db.InsightCards
            .Where(c => c.CreatedAt >= since && c.RetiredAt == null && c.EmbeddingModel == model && c.Embedding != null && !newIds.Contains(c.Id))
            .Select(c => new { c.Id, c.EpisodeId, c.Embedding, c.ClusterId })
            .ToListAsync(cancellationToken);
        var pool = recent.Select(r => (r.Id, r.EpisodeId, Vector: EmbeddingBytes.ToVector(r.Embedding), r.ClusterId)).ToList();
        var touched = new HashSet<long>();

        foreach (var card in withVectors)
        {
            var vector = EmbeddingBytes.ToVector(card.Embedding);
            var best = -1;
            var bestScore = options.Value.DedupeThreshold;
            for (var i = 0; i < pool.Count; i++)
            {
                if (pool[i].EpisodeId == card.EpisodeId)
                {
                    continue;
                }
                var score = TensorPrimitives.Dot(vector, pool[i].Vector);
                if (score >= bestScore)
                {
                    bestScore = score;
                    best = i;
                }
            }
            if (best < 0)
            {
                continue;
            }
            var match = pool[best];
            var clusterId = match.ClusterId;
            if (clusterId is null)
            {
                var cluster = new InsightCluster { CreatedAt = clock.GetUtcNow().UtcDateTime, UpdatedAt = clock.GetUtcNow().UtcDateTime };
                db.InsightClusters.Add(cluster);
                await db.SaveChangesAsync(cancellationToken);
                clusterId = cluster.Id;
                await db.InsightCards.Where(c => c.Id == match.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.ClusterId, clusterId), cancellationToken);
                pool[best] = match with { ClusterId = clusterId };
            }
            card.ClusterId = clusterId;
            touched.Add(clusterId.Value);
        }
        await db.SaveChangesAsync(cancellationToken);
        await RefreshAsync(db, touched, cancellationToken);
    }

    /// <summary>Recounts clusters and picks their canonical card; a cluster left with one card is dissolved.</summary>
    public async Task RefreshAsync(PodBriefDbContext db, IEnumerable<long> clusterIds, CancellationToken cancellationToken)
    {
        foreach (var clusterId in clusterIds.Distinct())
        {
            var cluster = await db.InsightClusters.FindAsync([clusterId], cancellationToken);
            if (cluster is null)
            {
                continue;
            }
            var members = await db.InsightCards
                .Where(c => c.ClusterId == clusterId)
                .Select(c => new { c.Id, c.Importance })
                .ToListAsync(cancellationToken);
            if (members.Count <= 1)
            {
                await db.InsightCards.Where(c => c.ClusterId == clusterId).ExecuteUpdateAsync(s => s.SetProperty(c => c.ClusterId, (long?)null), cancellationToken);
                db.InsightClusters.Remove(cluster);
            }
            else
            {
                cluster.CardCount = members.Count;
                cluster.CanonicalCardId = members.OrderByDescending(m => m.Importance).ThenBy(m => m.Id).First().Id;
                cluster.UpdatedAt = clock.GetUtcNow().UtcDateTime;
            }
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
