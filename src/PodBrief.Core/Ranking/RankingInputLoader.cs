using Microsoft.EntityFrameworkCore;
using PodBrief.Core.Data;
using PodBrief.Core.Digests;
using PodBrief.Core.Insights;
using PodBrief.Core.Subscribers;

namespace PodBrief.Core.Ranking;

/// <summary>
/// Loads what the ranker needs with a fixed number of queries per batch of subscribers (never one per subscriber
/// per card): the candidate cards once, then each batch's topics, shows, feedback and already-sent cards.
/// </summary>
public sealed class RankingInputLoader(PodBriefDbContext db)
{
    public async Task<RankingCandidates> LoadCandidatesAsync(DateTime nowUtc, RankingOptions options, CancellationToken cancellationToken)
    {
        var since = nowUtc.AddDays(-options.CandidateDays);
        var rows = await db.InsightCards.AsNoTracking()
            .Where(c => c.CreatedAt >= since && c.CreatedAt <= nowUtc)
            .Select(c => new
            {
                c.Id,
                c.EpisodeId,
                c.PodcastId,
                c.ClusterId,
                c.Headline,
                c.Embedding,
                c.EmbeddingModel,
                c.Importance,
                HasQuote = c.Quote != "",
                HasTimestamp = c.QuoteStartSeconds != null,
                c.Provenance,
                c.Episode!.PublishedAt,
            })
            .OrderBy(c => c.Id)
            .ToListAsync(cancellationToken);
        var cardIds = rows.Select(r => r.Id).ToList();
        var topics = (await db.InsightCardTopics.AsNoTracking().Where(t => cardIds.Contains(t.InsightCardId))
                .OrderByDescending(t => t.Score).Select(t => new { t.InsightCardId, t.TopicId }).ToListAsync(cancellationToken))
            .ToLookup(t => t.InsightCardId, t => t.TopicId);
        var topicNames = await db.Topics.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name, cancellationToken);
        var cards = rows.Select(r => new RankingCard(r.Id, r.EpisodeId, r.PodcastId, r.ClusterId, r.Headline,
                r.Embedding is null ? null : EmbeddingBytes.ToVector(r.Embedding), r.EmbeddingModel, r.Importance,
                r.HasQuote, r.HasTimestamp, r.Provenance, r.PublishedAt, topics[r.Id].ToList()))
            .ToList();
        return RankingCandidates.Build(cards, topicNames, nowUtc, options);
    }

    public async Task<List<RankingSubscriber>> LoadSubscribersAsync(
        IReadOnlyList<long> subscriberIds, RankingCandidates candidates, IReadOnlyDictionary<long, float[]?> profiles,
        CancellationToken cancellationToken)
    {
        var ids = subscriberIds.ToList();
        var topics = (await db.SubscriberTopics.AsNoTracking().Where(t => ids.Contains(t.SubscriberId)).ToListAsync(cancellationToken))
            .ToLookup(t => t.SubscriberId);
        var podcasts = (await db.SubscriberPodcasts.AsNoTracking().Where(p => ids.Contains(p.SubscriberId)).ToListAsync(cancellationToken))
            .ToLookup(p => p.SubscriberId);
        var lessFromShow = (await db.Feedback.AsNoTracking()
                .Where(f => f.SubscriberId != null && ids.Contains(f.SubscriberId.Value) && f.UndoneAt == null && f.Kind == FeedbackKind.LessFromShow)
                .Select(f => new { SubscriberId = f.SubscriberId!.Value, PodcastId = f.PodcastId ?? db.InsightCards.Where(c => c.Id == f.InsightCardId).Select(c => (long?)c.PodcastId).FirstOrDefault() })
                .ToListAsync(cancellationToken))
            .Where(f => f.PodcastId is not null).ToLookup(f => f.SubscriberId, f => f.PodcastId!.Value);
        var sent = (await LoadSentAsync(ids, candidates, cancellationToken)).ToLookup(s => s.SubscriberId);
        var feedback = candidates.Model is null ? [] : await FeedbackVectors.LoadAsync(db, ids, candidates.Model, cancellationToken);

        return ids.Select(id =>
        {
            var profile = profiles.GetValueOrDefault(id);
            var votes = feedback.GetValueOrDefault(id);
            return new RankingSubscriber
            {
                Id = id,
                Profile = profile,
                ProfileModel = profile is null ? null : candidates.Model,
                FollowedTopicIds = topics[id].Where(t => !t.IsMuted).Select(t => t.TopicId).ToList(),
                MutedTopicIds = topics[id].Where(t => t.IsMuted).Select(t => t.TopicId).ToList(),
                FollowedPodcastIds = podcasts[id].Where(p => p.Preference == PodcastPreference.Followed).Select(p => p.PodcastId).ToList(),
                MutedPodcastIds = podcasts[id].Where(p => p.Preference == PodcastPreference.Muted).Select(p => p.PodcastId).ToList(),
                LessPodcastIds = podcasts[id].Where(p => p.Preference == PodcastPreference.Less).Select(p => p.PodcastId)
                    .Concat(lessFromShow[id]).Distinct().ToList(),
                SentCardIds = sent[id].Select(s => s.InsightCardId).Distinct().ToList(),
                SentClusterIds = sent[id].SelectMany(s => new[] { s.ItemClusterId, s.CardClusterId })
                    .Where(c => c is not null).Select(c => c!.Value).Distinct().ToList(),
                LikedEmbeddings = votes?.Liked ?? [],
                DislikedEmbeddings = votes?.Disliked ?? [],
            };
        }).ToList();
    }

    private sealed record SentItem(long SubscriberId, long InsightCardId, long? ItemClusterId, long? CardClusterId);

    /// <summary>Items already mailed (or about to be) to these subscribers that touch a candidate card or cluster.</summary>
    private async Task<List<SentItem>> LoadSentAsync(List<long> ids, RankingCandidates candidates, CancellationToken cancellationToken)
    {
        if (candidates.Count == 0)
        {
            return [];
        }
        var cardIds = candidates.Cards.Select(c => c.Id).ToList();
        var clusterIds = candidates.Cards.Where(c => c.ClusterId is not null).Select(c => c.ClusterId!.Value).Distinct().ToList();
        return await db.DigestItems.AsNoTracking()
            .Join(db.Digests, i => i.DigestId, d => d.Id, (i, d) => new { Item = i, d.SubscriberId, d.State })
            .Where(x => ids.Contains(x.SubscriberId) && x.State != DigestState.Failed && x.State != DigestState.Skipped)
            .Where(x => cardIds.Contains(x.Item.InsightCardId)
                || (x.Item.ClusterId != null && clusterIds.Contains(x.Item.ClusterId.Value))
                || (x.Item.InsightCard!.ClusterId != null && clusterIds.Contains(x.Item.InsightCard.ClusterId.Value)))
            .Select(x => new SentItem(x.SubscriberId, x.Item.InsightCardId, x.Item.ClusterId, x.Item.InsightCard!.ClusterId))
            .ToListAsync(cancellationToken);
    }
}
