using Microsoft.EntityFrameworkCore;
using PodBrief.Core.Data;
using PodBrief.Core.Insights;

namespace PodBrief.Core.Ranking;

/// <summary>
/// Loads what the ranker needs with a fixed number of queries per batch of subscribers (never one per subscriber
/// per card): the candidate cards once, then each batch's topics, shows and feedback. What was already sent comes from
/// the Digests stage, which owns that question (<see cref="AlreadySent"/>).
/// </summary>
public sealed class RankingInputLoader(PodBriefDbContext db)
{
    public async Task<RankingCandidates> LoadCandidatesAsync(DateTime nowUtc, RankingOptions options, CancellationToken cancellationToken)
    {
        var since = nowUtc.AddDays(-options.CandidateDays);
        var rows = await db.InsightCards.AsNoTracking()
            .Where(c => c.CreatedAt >= since && c.CreatedAt <= nowUtc && c.RetiredAt == null)
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
        IReadOnlyDictionary<long, AlreadySent> alreadySent, CancellationToken cancellationToken)
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
                SentCardIds = alreadySent.GetValueOrDefault(id)?.CardIds ?? [],
                SentClusterIds = alreadySent.GetValueOrDefault(id)?.ClusterIds ?? [],
                LikedEmbeddings = votes?.Liked ?? [],
                DislikedEmbeddings = votes?.Disliked ?? [],
            };
        }).ToList();
    }
}
