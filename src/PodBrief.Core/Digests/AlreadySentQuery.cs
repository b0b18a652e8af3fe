using Microsoft.EntityFrameworkCore;
using PodBrief.Core.Data;
using PodBrief.Core.Ranking;

namespace PodBrief.Core.Digests;

/// <summary>What each subscriber was already mailed, as far as it touches today's candidates: the question Digests owns.</summary>
public sealed class AlreadySentQuery(PodBriefDbContext db)
{
    /// <summary>Items of digests that were sent or may still be (not failed, not skipped) touching a candidate card or cluster.</summary>
    public async Task<IReadOnlyDictionary<long, AlreadySent>> LoadAsync(
        IReadOnlyList<long> subscriberIds, RankingCandidates candidates, CancellationToken cancellationToken)
    {
        if (candidates.Count == 0 || subscriberIds.Count == 0)
        {
            return new Dictionary<long, AlreadySent>();
        }
        var ids = subscriberIds.ToList();
        var cardIds = candidates.Cards.Select(c => c.Id).ToList();
        var clusterIds = candidates.Cards.Where(c => c.ClusterId is not null).Select(c => c.ClusterId!.Value).Distinct().ToList();
        var rows = await db.DigestItems.AsNoTracking()
            .Join(db.Digests, i => i.DigestId, d => d.Id, (i, d) => new { Item = i, d.SubscriberId, d.State })
            .Where(x => ids.Contains(x.SubscriberId) && x.State != DigestState.Failed && x.State != DigestState.Skipped)
            .Where(x => cardIds.Contains(x.Item.InsightCardId)
                || (x.Item.ClusterId != null && clusterIds.Contains(x.Item.ClusterId.Value))
                || (x.Item.InsightCard!.ClusterId != null && clusterIds.Contains(x.Item.InsightCard.ClusterId.Value)))
            .Select(x => new { x.SubscriberId, x.Item.InsightCardId, ItemClusterId = x.Item.ClusterId, CardClusterId = x.Item.InsightCard!.ClusterId })
            .ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.SubscriberId).ToDictionary(g => g.Key, g => new AlreadySent(
            [.. g.Select(r => r.InsightCardId).Distinct()],
            [.. g.SelectMany(r => new[] { r.ItemClusterId, r.CardClusterId }).Where(c => c is not null).Select(c => c!.Value).Distinct()]));
    }
}
