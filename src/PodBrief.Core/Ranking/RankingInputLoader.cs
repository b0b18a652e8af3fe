using Microsoft.EntityFrameworkCore;
using PodBrief.Core.Data;
using PodBrief.Core.Insights;

namespace PodBrief.Core.Ranking;

/// <summary>
/// Loads what the ranker needs with a fixed number of queries per batch of subscribers (never one per subscriber
/// per card): the candidate cards once, then each batch's topics, shows, feedback and profiles. What was already sent comes from
/// the Digests stage, which owns that question (<see cref="AlreadySent"/>).
/// </summary>
public sealed class RankingInputLoader(PodBriefDbContext db, SubscriberProfileBuilder profileBuilder)
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

    /// <summary>
    /// The batch's ranking inputs: one read of their preferences and feedback (<see cref="SubscriberBatch"/>), their
    /// profiles refreshed from it (stale ones rebuilt, and saved unless <paramref name="saveProfiles"/> is false).
    /// </summary>
    public async Task<List<RankingSubscriber>> LoadSubscribersAsync(
        IReadOnlyList<long> subscriberIds, RankingCandidates candidates, IReadOnlyDictionary<long, AlreadySent> alreadySent,
        bool saveProfiles, CancellationToken cancellationToken)
    {
        var batch = await SubscriberBatch.LoadAsync(db, subscriberIds, candidates.Model, candidates, cancellationToken);
        IReadOnlyDictionary<long, float[]?> profiles = candidates.Model is null
            ? new Dictionary<long, float[]?>()
            : await profileBuilder.RefreshAsync(batch, candidates.Model, saveProfiles, cancellationToken);
        return batch.Ids.Select(id =>
        {
            var profile = profiles.GetValueOrDefault(id);
            var (liked, disliked) = candidates.Model is null ? ([], []) : batch.FeedbackVectors(id);
            var topics = batch.Topics[id];
            var podcasts = batch.Podcasts[id];
            return new RankingSubscriber
            {
                Id = id,
                Profile = profile,
                ProfileModel = profile is null ? null : candidates.Model,
                FollowedTopicIds = topics.Where(t => !t.IsMuted).Select(t => t.TopicId).ToList(),
                MutedTopicIds = topics.Where(t => t.IsMuted).Select(t => t.TopicId).ToList(),
                FollowedPodcastIds = podcasts.Where(p => p.Preference == PodcastPreference.Followed).Select(p => p.PodcastId).ToList(),
                MutedPodcastIds = podcasts.Where(p => p.Preference == PodcastPreference.Muted).Select(p => p.PodcastId).ToList(),
                LessPodcastIds = podcasts.Where(p => p.Preference == PodcastPreference.Less).Select(p => p.PodcastId)
                    .Concat(batch.LessFromShow(id)).Distinct().ToList(),
                SentCardIds = alreadySent.GetValueOrDefault(id)?.CardIds ?? [],
                SentClusterIds = alreadySent.GetValueOrDefault(id)?.ClusterIds ?? [],
                LikedEmbeddings = liked,
                DislikedEmbeddings = disliked,
            };
        }).ToList();
    }
}
