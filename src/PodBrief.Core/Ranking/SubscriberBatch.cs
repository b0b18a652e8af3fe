using Microsoft.EntityFrameworkCore;
using PodBrief.Core.Data;
using PodBrief.Core.Insights;

namespace PodBrief.Core.Ranking;

/// <summary>
/// Everything the ranker and the profile builder need about one batch of subscribers, read once in a fixed number
/// of narrow queries (issue 13): topics, shows, every feedback row without its card's embedding, the stored
/// profiles and interests; then the embeddings of the cards they voted on, each card once, taken from the
/// candidates where it is one and read otherwise. Before this, the profile builder and the preference loader each
/// joined a card embedding onto every vote and a topic embedding onto every followed topic (megabytes per batch).
/// </summary>
internal sealed class SubscriberBatch
{
    internal sealed record Vote(long Id, long? InsightCardId, long? PodcastId, FeedbackKind Kind, DateTime CreatedAt, DateTime? UndoneAt);

    internal sealed record StoredProfile(byte[]? Embedding, string? Model, DateTime? UpdatedAt, string? Interests);

    private SubscriberBatch(List<long> ids) => Ids = ids;

    public List<long> Ids { get; }
    public ILookup<long, SubscriberTopic> Topics { get; private init; } = Array.Empty<SubscriberTopic>().ToLookup(t => t.SubscriberId);
    public ILookup<long, SubscriberPodcast> Podcasts { get; private init; } = Array.Empty<SubscriberPodcast>().ToLookup(p => p.SubscriberId);
    /// <summary>All of each subscriber's feedback, undone included (an undo makes a stored profile stale too).</summary>
    public ILookup<long, Vote> Votes { get; private init; } = Array.Empty<(long, Vote)>().ToLookup(v => v.Item1, v => v.Item2);
    public Dictionary<long, StoredProfile> Stored { get; private init; } = [];
    /// <summary>Unit vectors, in the batch's model, of the cards voted on (cards without one are absent).</summary>
    public Dictionary<long, float[]> CardVectors { get; private init; } = [];
    /// <summary>The show of each card voted on, for "less from this show" feedback stored without one.</summary>
    public Dictionary<long, long> CardPodcasts { get; private init; } = [];
    public string? Model { get; private init; }

    public static async Task<SubscriberBatch> LoadAsync(
        PodBriefDbContext db, IReadOnlyCollection<long> subscriberIds, string? model, RankingCandidates? candidates, CancellationToken cancellationToken)
    {
        var ids = subscriberIds.Distinct().ToList();
        if (ids.Count == 0)
        {
            return new SubscriberBatch(ids) { Model = model };
        }
        var topics = await db.SubscriberTopics.AsNoTracking().Where(t => ids.Contains(t.SubscriberId)).ToListAsync(cancellationToken);
        var podcasts = await db.SubscriberPodcasts.AsNoTracking().Where(p => ids.Contains(p.SubscriberId)).ToListAsync(cancellationToken);
        var votes = await db.Feedback.AsNoTracking()
            .Where(f => f.SubscriberId != null && ids.Contains(f.SubscriberId.Value))
            .Select(f => new { SubscriberId = f.SubscriberId!.Value, Vote = new Vote(f.Id, f.InsightCardId, f.PodcastId, f.Kind, f.CreatedAt, f.UndoneAt) })
            .ToListAsync(cancellationToken);
        var stored = await db.Subscribers.AsNoTracking().Where(s => ids.Contains(s.Id))
            .Select(s => new { s.Id, Profile = new StoredProfile(s.ProfileEmbedding, s.ProfileEmbeddingModel, s.ProfileUpdatedAt, s.Interests) })
            .ToDictionaryAsync(s => s.Id, s => s.Profile, cancellationToken);

        // Each voted card once: from the candidates when it is one, else one query for the rest.
        var cardIds = votes.Where(v => v.Vote.InsightCardId is not null && v.Vote.UndoneAt is null)
            .Select(v => v.Vote.InsightCardId!.Value).Distinct().ToList();
        var vectors = new Dictionary<long, float[]>();
        var shows = new Dictionary<long, long>();
        var missing = new List<long>();
        foreach (var id in cardIds)
        {
            if (candidates is not null && candidates.RowById.TryGetValue(id, out var row))
            {
                var card = candidates.Cards[row];
                shows[id] = card.PodcastId;
                if (model is not null && card.EmbeddingModel == model && card.Embedding is { Length: > 0 } embedding)
                {
                    vectors[id] = Unit(embedding);
                }
            }
            else
            {
                missing.Add(id);
            }
        }
        if (missing.Count > 0)
        {
            var rows = await db.InsightCards.AsNoTracking().Where(c => missing.Contains(c.Id))
                .Select(c => new { c.Id, c.PodcastId, Embedding = c.EmbeddingModel == model ? c.Embedding : null })
                .ToListAsync(cancellationToken);
            foreach (var card in rows)
            {
                shows[card.Id] = card.PodcastId;
                if (model is not null && card.Embedding is { Length: > 0 } embedding)
                {
                    vectors[card.Id] = Unit(EmbeddingBytes.ToVector(embedding));
                }
            }
        }
        return new SubscriberBatch(ids)
        {
            Topics = topics.ToLookup(t => t.SubscriberId),
            Podcasts = podcasts.ToLookup(p => p.SubscriberId),
            Votes = votes.ToLookup(v => v.SubscriberId, v => v.Vote),
            Stored = stored,
            CardVectors = vectors,
            CardPodcasts = shows,
            Model = model,
        };
    }

    /// <summary>
    /// The embeddings of the cards the subscriber recently 👍'd and 👎'd (not undone): the latest vote on a card wins
    /// and only the most recent <see cref="RankingWeights.ProfileFeedbackWindow"/> votes count, so tastes can change.
    /// </summary>
    public (IReadOnlyList<float[]> Liked, IReadOnlyList<float[]> Disliked) FeedbackVectors(long subscriberId)
    {
        var recent = Votes[subscriberId]
            .Where(v => v.UndoneAt is null && v.Kind is FeedbackKind.Up or FeedbackKind.Down
                && v.InsightCardId is { } card && CardVectors.ContainsKey(card))
            .OrderByDescending(v => v.CreatedAt).ThenByDescending(v => v.Id)
            .Take(RankingWeights.ProfileFeedbackWindow).ToList();
        if (recent.Count == 0)
        {
            return ([], []);
        }
        return (recent.Where(v => v.Kind == FeedbackKind.Up).Select(v => CardVectors[v.InsightCardId!.Value]).ToList(),
            recent.Where(v => v.Kind == FeedbackKind.Down).Select(v => CardVectors[v.InsightCardId!.Value]).ToList());
    }

    /// <summary>Shows the subscriber asked for less of by feedback (not undone), the card's show where the row has none.</summary>
    public IEnumerable<long> LessFromShow(long subscriberId) =>
        Votes[subscriberId]
            .Where(v => v.UndoneAt is null && v.Kind == FeedbackKind.LessFromShow)
            .Select(v => v.PodcastId ?? (v.InsightCardId is { } card && CardPodcasts.TryGetValue(card, out var show) ? show : null))
            .Where(p => p is not null).Select(p => p!.Value);

    /// <summary>When the subscriber's feedback last changed (a vote or an undo), or null without any.</summary>
    public DateTime? LastFeedbackAt(long subscriberId)
    {
        DateTime? latest = null;
        foreach (var vote in Votes[subscriberId])
        {
            var at = vote.UndoneAt is { } undone && undone > vote.CreatedAt ? undone : vote.CreatedAt;
            if (latest is null || at > latest)
            {
                latest = at;
            }
        }
        return latest;
    }

    private static float[] Unit(float[] embedding)
    {
        var vector = (float[])embedding.Clone();
        Vectors.NormalizeInPlace(vector);
        return vector;
    }
}
