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
        // Two steps, each an index lookup: the batch's digests by subscriber, then their items by digest. As one join
        // the planner hash-joined a scan of every item ever sent (it grows by 500,000 rows a day at 100,000
        // subscribers) for each batch of 1,000 subscribers (issue 13).
        var digests = await db.Digests.AsNoTracking()
            .Where(d => ids.Contains(d.SubscriberId) && d.State != DigestState.Failed && d.State != DigestState.Skipped)
            .Select(d => new { d.Id, d.SubscriberId })
            .ToDictionaryAsync(d => d.Id, d => d.SubscriberId, cancellationToken);
        if (digests.Count == 0)
        {
            return new Dictionary<long, AlreadySent>();
        }
        var digestIds = digests.Keys.ToList();
        var items = await db.DigestItems.AsNoTracking()
            .Where(i => digestIds.Contains(i.DigestId))
            .Where(i => cardIds.Contains(i.InsightCardId)
                || (i.ClusterId != null && clusterIds.Contains(i.ClusterId.Value))
                || (i.InsightCard!.ClusterId != null && clusterIds.Contains(i.InsightCard.ClusterId.Value)))
            .Select(i => new { i.DigestId, i.InsightCardId, ItemClusterId = i.ClusterId, CardClusterId = i.InsightCard!.ClusterId })
            .ToListAsync(cancellationToken);
        return items.GroupBy(i => digests[i.DigestId]).ToDictionary(g => g.Key, g => new AlreadySent(
            [.. g.Select(r => r.InsightCardId).Distinct()],
            [.. g.SelectMany(r => new[] { r.ItemClusterId, r.CardClusterId }).Where(c => c is not null).Select(c => c!.Value).Distinct()]));
    }
}
