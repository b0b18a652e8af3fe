using System.Numerics.Tensors;
using Microsoft.Extensions.Options;

namespace PodBrief.Core.Ranking;

/// <summary>
/// Picks each subscriber's cards: pure, no I/O. All subscribers due at once are ranked in one parallel pass over
/// the candidate matrix (one SIMD dot product per card and subscriber); the per-subscriber exclusions and bonuses
/// only touch the rows they concern. Then a quality floor and maximal marginal relevance (Carbonell and Goldstein
/// 1998) with at most one card per cluster and two per episode.
/// </summary>
public sealed class DigestRanker(IOptions<RankingOptions> options)
{
    private const byte Excluded = 1;
    private const byte TopicMatch = 2;
    private const byte FollowedShow = 4;
    private const byte Disliked = 8;

    private readonly RankingOptions _options = options.Value;

    public IReadOnlyList<RankedPick>[] RankAll(
        RankingCandidates candidates, IReadOnlyList<RankingSubscriber> subscribers, CancellationToken cancellationToken = default)
    {
        var results = new IReadOnlyList<RankedPick>[subscribers.Count];
        if (candidates.Count == 0)
        {
            Array.Fill(results, []);
            return results;
        }
        Parallel.For(0, subscribers.Count, new ParallelOptions { CancellationToken = cancellationToken },
            () => new Scratch(candidates.Count),
            (i, _, scratch) =>
            {
                results[i] = Rank(candidates, subscribers[i], scratch);
                return scratch;
            },
            _ => { });
        return results;
    }

    public IReadOnlyList<RankedPick> Rank(RankingCandidates candidates, RankingSubscriber subscriber) =>
        candidates.Count == 0 ? [] : Rank(candidates, subscriber, new Scratch(candidates.Count));

    private List<RankedPick> Rank(RankingCandidates candidates, RankingSubscriber subscriber, Scratch scratch)
    {
        var n = candidates.Count;
        var score = scratch.Score;
        var factor = scratch.Factor;
        var flags = scratch.Flags;
        Array.Fill(factor, 1f);
        Array.Clear(flags);

        var profile = UsableProfile(candidates, subscriber);
        if (profile is not null)
        {
            for (var row = 0; row < n; row++)
            {
                score[row] = TensorPrimitives.Dot(candidates.Row(row), profile);
            }
            TensorPrimitives.Max(score, 0f, score);
        }
        else
        {
            // No profile: with followed topics or shows only their bonuses count; with nothing, every card is
            // equally relevant and quality × freshness decides ("the best cards overall").
            var hasPreferences = subscriber.FollowedTopicIds.Count > 0 || subscriber.FollowedPodcastIds.Count > 0;
            Array.Fill(score, hasPreferences ? 0f : RankingWeights.NoProfileRelevance);
        }

        foreach (var row in Rows(candidates.RowsByTopic, subscriber.FollowedTopicIds))
        {
            if ((flags[row] & TopicMatch) == 0)
            {
                flags[row] |= TopicMatch;
                score[row] += RankingWeights.FollowedTopicBonus;
            }
        }
        foreach (var row in Rows(candidates.RowsByPodcast, subscriber.FollowedPodcastIds))
        {
            flags[row] |= FollowedShow;
            score[row] += RankingWeights.FollowedShowBonus;
        }
        foreach (var row in Rows(candidates.RowsByPodcast, subscriber.LessPodcastIds))
        {
            factor[row] = RankingWeights.LessFromShowFactor;
        }
        foreach (var disliked in subscriber.DislikedEmbeddings)
        {
            if (disliked.Length != candidates.Dimensions)
            {
                continue;
            }
            for (var row = 0; row < n; row++)
            {
                if ((flags[row] & Disliked) == 0 && TensorPrimitives.Dot(candidates.Row(row), disliked) >= RankingWeights.DislikedSimilarity)
                {
                    flags[row] |= Disliked;
                    factor[row] *= RankingWeights.DislikedSimilarFactor;
                }
            }
        }
        MarkExcluded(flags, Rows(candidates.RowsByTopic, subscriber.MutedTopicIds));
        MarkExcluded(flags, Rows(candidates.RowsByPodcast, subscriber.MutedPodcastIds));
        MarkExcluded(flags, Rows(candidates.RowsByCluster, subscriber.SentClusterIds));
        foreach (var cardId in subscriber.SentCardIds)
        {
            if (candidates.RowById.TryGetValue(cardId, out var row))
            {
                flags[row] |= Excluded;
            }
        }

        TensorPrimitives.Multiply(score, candidates.StaticFactor, score);
        TensorPrimitives.Multiply(score, factor, score);

        var pool = scratch.Pool;
        pool.Clear();
        var floor = (float)_options.MinScore;
        for (var row = 0; row < n; row++)
        {
            if ((flags[row] & Excluded) != 0 || score[row] < floor)
            {
                continue;
            }
            pool.Enqueue(row, score[row]);
            if (pool.Count > RankingWeights.MmrPoolSize)
            {
                pool.Dequeue();
            }
        }
        return PickByMmr(candidates, subscriber, profile, scratch);
    }

    private List<RankedPick> PickByMmr(RankingCandidates candidates, RankingSubscriber subscriber, float[]? profile, Scratch scratch)
    {
        var remaining = scratch.Remaining;
        remaining.Clear();
        while (scratch.Pool.TryDequeue(out var row, out _))
        {
            remaining.Add(row);
        }
        var picks = new List<RankedPick>(_options.DigestSize);
        if (remaining.Count == 0)
        {
            return picks;
        }
        var score = scratch.Score;
        var best = Math.Max(remaining.Max(r => score[r]), 1e-6f);
        var lambda = _options.MmrLambda;
        var pickedRows = new List<int>(_options.DigestSize);
        while (picks.Count < _options.DigestSize)
        {
            var chosen = -1;
            var chosenValue = double.NegativeInfinity;
            foreach (var row in remaining)
            {
                if (!Allowed(candidates, row, pickedRows))
                {
                    continue;
                }
                var redundancy = 0f;
                foreach (var picked in pickedRows)
                {
                    redundancy = Math.Max(redundancy, TensorPrimitives.Dot(candidates.Row(row), candidates.Row(picked)));
                }
                var value = lambda * (score[row] / best) - (1 - lambda) * redundancy;
                if (value > chosenValue || (value == chosenValue && candidates.Cards[row].Id < candidates.Cards[chosen].Id))
                {
                    chosen = row;
                    chosenValue = value;
                }
            }
            if (chosen < 0)
            {
                break;
            }
            remaining.Remove(chosen);
            pickedRows.Add(chosen);
            var card = candidates.Cards[chosen];
            picks.Add(new RankedPick(card.Id, card.ClusterId, picks.Count + 1, score[chosen],
                WhyLine(candidates, subscriber, profile, chosen, scratch.Flags[chosen]), card.Headline));
        }
        return picks;
    }

    /// <summary>At most one card per cluster and <see cref="RankingWeights.MaxPerEpisode"/> per episode.</summary>
    private static bool Allowed(RankingCandidates candidates, int row, List<int> pickedRows)
    {
        var card = candidates.Cards[row];
        var sameEpisode = 0;
        foreach (var picked in pickedRows)
        {
            var other = candidates.Cards[picked];
            if (card.ClusterId is not null && card.ClusterId == other.ClusterId)
            {
                return false;
            }
            if (other.EpisodeId == card.EpisodeId && ++sameEpisode >= RankingWeights.MaxPerEpisode)
            {
                return false;
            }
        }
        return true;
    }

    private static string WhyLine(RankingCandidates candidates, RankingSubscriber subscriber, float[]? profile, int row, byte flags)
    {
        var card = candidates.Cards[row];
        if ((flags & TopicMatch) != 0)
        {
            var topicId = subscriber.FollowedTopicIds.First(card.TopicIds.Contains);
            return candidates.TopicNames.TryGetValue(topicId, out var name) ? $"You follow {name}" : "From a topic you follow";
        }
        if ((flags & FollowedShow) != 0)
        {
            return "From a show you follow";
        }
        foreach (var liked in subscriber.LikedEmbeddings)
        {
            if (liked.Length == candidates.Dimensions && TensorPrimitives.Dot(candidates.Row(row), liked) >= RankingWeights.LikedSimilarity)
            {
                return "Like a card you liked";
            }
        }
        if (profile is not null && TensorPrimitives.Dot(candidates.Row(row), profile) >= RankingWeights.InterestMatchSimilarity)
        {
            return "Matches your interests";
        }
        return "Top insight today";
    }

    private static float[]? UsableProfile(RankingCandidates candidates, RankingSubscriber subscriber) =>
        subscriber.Profile is { } profile && candidates.Model is not null && subscriber.ProfileModel == candidates.Model
            && profile.Length == candidates.Dimensions
            ? profile
            : null;

    private static IEnumerable<int> Rows(Dictionary<long, List<int>> index, IReadOnlyList<long> keys)
    {
        foreach (var key in keys)
        {
            if (index.TryGetValue(key, out var rows))
            {
                foreach (var row in rows)
                {
                    yield return row;
                }
            }
        }
    }

    private static void MarkExcluded(byte[] flags, IEnumerable<int> rows)
    {
        foreach (var row in rows)
        {
            flags[row] |= Excluded;
        }
    }

    /// <summary>Per-thread buffers, reused across subscribers so ranking 100,000 of them allocates little.</summary>
    private sealed class Scratch(int count)
    {
        public float[] Score { get; } = new float[count];
        public float[] Factor { get; } = new float[count];
        public byte[] Flags { get; } = new byte[count];
        /// <summary>Min-heap of the best rows seen so far (lowest score on top, dropped first).</summary>
        public PriorityQueue<int, float> Pool { get; } = new(RankingWeights.MmrPoolSize + 1);
        public List<int> Remaining { get; } = new(RankingWeights.MmrPoolSize);
    }
}
