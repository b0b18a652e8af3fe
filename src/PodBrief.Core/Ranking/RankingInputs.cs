using PodBrief.Core.Data;

namespace PodBrief.Core.Ranking;

/// <summary>What the ranker needs of one candidate card (loaded once per dispatch).</summary>
public sealed record RankingCard(
    long Id,
    long EpisodeId,
    long PodcastId,
    long? ClusterId,
    string Headline,
    float[]? Embedding,
    string? EmbeddingModel,
    double Importance,
    bool HasQuote,
    bool HasTimestamp,
    TranscriptProvenance Provenance,
    DateTime PublishedAt,
    IReadOnlyList<long> TopicIds);

/// <summary>What the ranker needs of one subscriber. Lists are small; empty ones cost nothing.</summary>
public sealed class RankingSubscriber
{
    public required long Id { get; init; }
    /// <summary>L2-normalized Rocchio profile; null = no topics, interests or feedback to go on.</summary>
    public float[]? Profile { get; init; }
    public string? ProfileModel { get; init; }
    public IReadOnlyList<long> FollowedTopicIds { get; init; } = [];
    public IReadOnlyList<long> MutedTopicIds { get; init; } = [];
    public IReadOnlyList<long> FollowedPodcastIds { get; init; } = [];
    public IReadOnlyList<long> MutedPodcastIds { get; init; } = [];
    /// <summary>"Less from this show" (preference or feedback): down-weighted, not excluded.</summary>
    public IReadOnlyList<long> LessPodcastIds { get; init; } = [];
    /// <summary>Cards already in a digest for this subscriber (never again).</summary>
    public IReadOnlyList<long> SentCardIds { get; init; } = [];
    /// <summary>Clusters already in a digest for this subscriber (never the same idea twice).</summary>
    public IReadOnlyList<long> SentClusterIds { get; init; } = [];
    public IReadOnlyList<float[]> LikedEmbeddings { get; init; } = [];
    public IReadOnlyList<float[]> DislikedEmbeddings { get; init; } = [];
}

/// <summary>One card chosen for one subscriber, in digest order.</summary>
public sealed record RankedPick(long CardId, long? ClusterId, int Position, double Score, string WhyLine, string Headline);

/// <summary>
/// The candidate cards as one contiguous row-major matrix (cards × dimensions) plus per-card factors that do not
/// depend on the subscriber (quality × freshness), and indexes from topic, show and cluster to card rows, so that
/// each subscriber's preferences touch only the rows they concern.
/// </summary>
public sealed class RankingCandidates
{
    private RankingCandidates(IReadOnlyList<RankingCard> cards, IReadOnlyDictionary<long, string> topicNames, string? model, int dimensions)
    {
        Cards = cards;
        TopicNames = topicNames;
        Model = model;
        Dimensions = dimensions;
        Matrix = new float[cards.Count * dimensions];
        StaticFactor = new float[cards.Count];
    }

    public IReadOnlyList<RankingCard> Cards { get; }
    public IReadOnlyDictionary<long, string> TopicNames { get; }
    /// <summary>The embedding model the rows are in; cards and profiles of other models are treated as having no vector.</summary>
    public string? Model { get; }
    public int Dimensions { get; }
    public int Count => Cards.Count;
    internal float[] Matrix { get; }
    internal float[] StaticFactor { get; }
    internal Dictionary<long, int> RowById { get; } = [];
    internal Dictionary<long, List<int>> RowsByTopic { get; } = [];
    internal Dictionary<long, List<int>> RowsByPodcast { get; } = [];
    internal Dictionary<long, List<int>> RowsByCluster { get; } = [];

    internal ReadOnlySpan<float> Row(int row) => Matrix.AsSpan(row * Dimensions, Dimensions);

    public static RankingCandidates Build(
        IReadOnlyList<RankingCard> cards, IReadOnlyDictionary<long, string> topicNames, DateTime nowUtc, RankingOptions options)
    {
        // Vectors of different models never mix: rank in the model most cards use.
        var model = cards.Where(c => c.Embedding is { Length: > 0 } && c.EmbeddingModel is not null)
            .GroupBy(c => c.EmbeddingModel!).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefault();
        var dimensions = model is null ? 1 : cards.First(c => c.EmbeddingModel == model && c.Embedding is { Length: > 0 }).Embedding!.Length;
        var result = new RankingCandidates(cards, topicNames, model, dimensions);
        for (var row = 0; row < cards.Count; row++)
        {
            var card = cards[row];
            result.RowById[card.Id] = row;
            foreach (var topicId in card.TopicIds)
            {
                Add(result.RowsByTopic, topicId, row);
            }
            Add(result.RowsByPodcast, card.PodcastId, row);
            if (card.ClusterId is { } cluster)
            {
                Add(result.RowsByCluster, cluster, row);
            }
            if (card.EmbeddingModel == model && card.Embedding is { } vector && vector.Length == dimensions)
            {
                var target = result.Matrix.AsSpan(row * dimensions, dimensions);
                vector.CopyTo(target);
                Vectors.NormalizeInPlace(target);
            }
            result.StaticFactor[row] = (float)(Quality(card) * Freshness(card.PublishedAt, nowUtc, options.FreshnessHalfLifeHours));
        }
        return result;
    }

    /// <summary>Importance × evidence (quote, timestamp) × provenance (publisher &gt; speech-to-text &gt; show notes).</summary>
    public static double Quality(RankingCard card)
    {
        var importance = RankingWeights.ImportanceBase + RankingWeights.ImportanceSpan * Math.Clamp(card.Importance, 0, 1);
        var grounding = !card.HasQuote ? RankingWeights.Ungrounded
            : card.HasTimestamp ? RankingWeights.GroundedWithTimestamp : RankingWeights.GroundedWithoutTimestamp;
        return importance * grounding * RankingWeights.ProvenanceFactor(card.Provenance);
    }

    /// <summary>Exponential decay by the episode's age (a back-filled archive episode decays to nothing).</summary>
    public static double Freshness(DateTime publishedAtUtc, DateTime nowUtc, double halfLifeHours)
    {
        var ageHours = Math.Max(0, (nowUtc - publishedAtUtc).TotalHours);
        return Math.Pow(0.5, ageHours / halfLifeHours);
    }

    private static void Add(Dictionary<long, List<int>> index, long key, int row)
    {
        if (!index.TryGetValue(key, out var rows))
        {
            index[key] = rows = [];
        }
        rows.Add(row);
    }
}
