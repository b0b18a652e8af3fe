using System.Diagnostics;
using Microsoft.Extensions.Options;
using PodBrief.Core.Data;
using PodBrief.Core.Ranking;

namespace PodBrief.Benchmarks.Ranking;

/// <summary>
/// `ranking-scale [subscribers=100000] [cards=1000] [dimensions=384] [naiveSample=2000]`: ranks every subscriber
/// over the candidate cards with <see cref="DigestRanker"/> (all at once, SIMD dot products, parallel) and compares
/// it with a straightforward per-subscriber scalar loop measured on a sample and extrapolated. Synthetic data:
/// cards grouped around 40 topic centroids, subscribers following 1–3 topics, some with shows, mutes, sent cards
/// and likes. Ranking only: loading from and writing to the database are not part of this figure.
/// </summary>
internal static class RankingScale
{
    public static void Run(string[] args)
    {
        var subscriberCount = Arg(args, 0, 100_000);
        var cardCount = Arg(args, 1, 1_000);
        var dimensions = Arg(args, 2, 384);
        var naiveSample = Math.Min(Arg(args, 3, 2_000), subscriberCount);
        var now = new DateTime(2026, 3, 10, 7, 0, 0, DateTimeKind.Utc);
        var random = new Random(42);
        var options = new RankingOptions();

        var generate = Stopwatch.StartNew();
        var centroids = Enumerable.Range(0, 40).Select(_ => RandomUnit(random, dimensions)).ToArray();
        var cards = Enumerable.Range(0, cardCount).Select(i =>
        {
            var topic = random.Next(centroids.Length);
            return new RankingCard(i + 1, i / 4 + 1, i / 12 + 1, i % 10 == 0 ? i / 20 + 1 : null, "Card " + i,
                Near(random, centroids[topic], 0.6f), "bench-model", random.NextDouble(), true, random.Next(3) > 0,
                (TranscriptProvenance)(1 + random.Next(3)), now.AddHours(-random.Next(72)), [topic + 1]);
        }).ToList();
        var subscribers = Enumerable.Range(0, subscriberCount).Select(i =>
        {
            var topics = Enumerable.Range(0, 1 + random.Next(3)).Select(_ => random.Next(centroids.Length)).Distinct().ToList();
            var profile = new float[dimensions];
            foreach (var t in topics)
            {
                for (var d = 0; d < dimensions; d++)
                {
                    profile[d] += centroids[t][d];
                }
            }
            Normalize(profile);
            return new RankingSubscriber
            {
                Id = i + 1,
                Profile = i % 20 == 0 ? null : profile, // 5% have no profile: best overall
                ProfileModel = "bench-model",
                FollowedTopicIds = topics.Select(t => (long)t + 1).ToList(),
                FollowedPodcastIds = i % 5 == 0 ? [random.Next(cardCount / 12) + 1] : [],
                MutedPodcastIds = i % 20 == 1 ? [random.Next(cardCount / 12) + 1] : [],
                MutedTopicIds = i % 25 == 2 ? [random.Next(centroids.Length) + 1] : [],
                SentCardIds = i % 2 == 0 ? Enumerable.Range(0, 5).Select(_ => (long)random.Next(cardCount) + 1).ToList() : [],
                LikedEmbeddings = i % 10 == 3 ? [cards[random.Next(cardCount)].Embedding!] : [],
                DislikedEmbeddings = i % 20 == 4 ? [cards[random.Next(cardCount)].Embedding!] : [],
            };
        }).ToList();
        var topicNames = Enumerable.Range(1, centroids.Length).ToDictionary(t => (long)t, t => "Topic " + t);
        Console.WriteLine($"Generated {subscriberCount:N0} subscribers × {cardCount:N0} cards × {dimensions} dims in {generate.Elapsed.TotalSeconds:F1} s");

        GC.Collect();
        var managedBefore = GC.GetTotalMemory(forceFullCollection: true);
        var ranker = new DigestRanker(Options.Create(options));
        var build = Stopwatch.StartNew();
        var candidates = RankingCandidates.Build(cards, topicNames, now, options);
        build.Stop();
        ranker.RankAll(candidates, subscribers.Take(1_000).ToList()); // warm-up (JIT, thread pool)

        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var wall = Stopwatch.StartNew();
        var results = ranker.RankAll(candidates, subscribers);
        wall.Stop();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var picks = results.Sum(r => r.Count);

        var sample = subscribers.Take(naiveSample).ToList();
        var vectorSample = Stopwatch.StartNew();
        ranker.RankAll(candidates, sample);
        vectorSample.Stop();
        var naive = Stopwatch.StartNew();
        var naivePicks = sample.Sum(s => NaiveRank(cards, s, options, now).Count);
        naive.Stop();
        var naiveExtrapolated = naive.Elapsed.TotalSeconds * subscriberCount / naiveSample;

        using var process = Process.GetCurrentProcess();
        Console.WriteLine($"Candidate matrix built in {build.Elapsed.TotalMilliseconds:F0} ms ({cardCount * dimensions * 4 / 1024.0 / 1024.0:F1} MB)");
        Console.WriteLine($"DigestRanker.RankAll: {subscriberCount:N0} subscribers in {wall.Elapsed.TotalSeconds:F2} s " +
            $"({subscriberCount / wall.Elapsed.TotalSeconds:N0}/s, {Environment.ProcessorCount} cores), {picks:N0} picks ({(double)picks / subscriberCount:F2} per subscriber)");
        Console.WriteLine($"  allocated during ranking: {allocated / 1024.0 / 1024.0:F0} MB; managed heap with inputs: {managedBefore / 1024.0 / 1024.0:F0} MB; " +
            $"process peak working set: {process.PeakWorkingSet64 / 1024.0 / 1024.0:F0} MB");
        Console.WriteLine($"Naive scalar per-subscriber loop: {naiveSample:N0} subscribers in {naive.Elapsed.TotalSeconds:F2} s " +
            $"({naivePicks:N0} picks) → {naiveExtrapolated:F1} s extrapolated to {subscriberCount:N0}");
        Console.WriteLine($"  same sample vectorized: {vectorSample.Elapsed.TotalSeconds:F3} s; ratio naive/vectorized = {naive.Elapsed.TotalSeconds / vectorSample.Elapsed.TotalSeconds:F1}× (sample), " +
            $"{naiveExtrapolated / wall.Elapsed.TotalSeconds:F1}× (extrapolated vs full run)");
    }

    /// <summary>
    /// What one would write first: for each subscriber, for each card, a scalar dot product, list lookups for the
    /// exclusions, a full sort, then greedy caps (no MMR). Same scoring formula, same floor.
    /// </summary>
    private static List<long> NaiveRank(List<RankingCard> cards, RankingSubscriber s, RankingOptions options, DateTime now)
    {
        var scored = new List<(RankingCard Card, double Score)>();
        foreach (var card in cards)
        {
            if (s.SentCardIds.Contains(card.Id) || s.MutedPodcastIds.Contains(card.PodcastId) || card.TopicIds.Any(s.MutedTopicIds.Contains))
            {
                continue;
            }
            double relevance;
            if (s.Profile is null)
            {
                relevance = RankingWeights.NoProfileRelevance;
            }
            else
            {
                var dot = 0.0;
                for (var d = 0; d < s.Profile.Length; d++)
                {
                    dot += s.Profile[d] * card.Embedding![d];
                }
                relevance = Math.Max(0, dot);
            }
            if (card.TopicIds.Any(s.FollowedTopicIds.Contains))
            {
                relevance += RankingWeights.FollowedTopicBonus;
            }
            if (s.FollowedPodcastIds.Contains(card.PodcastId))
            {
                relevance += RankingWeights.FollowedShowBonus;
            }
            foreach (var disliked in s.DislikedEmbeddings)
            {
                var dot = 0.0;
                for (var d = 0; d < disliked.Length; d++)
                {
                    dot += disliked[d] * card.Embedding![d];
                }
                if (dot >= RankingWeights.DislikedSimilarity)
                {
                    relevance *= RankingWeights.DislikedSimilarFactor;
                    break;
                }
            }
            var score = relevance * RankingCandidates.Quality(card) * RankingCandidates.Freshness(card.PublishedAt, now, options.FreshnessHalfLifeHours);
            if (score >= options.MinScore)
            {
                scored.Add((card, score));
            }
        }
        var picks = new List<RankingCard>();
        foreach (var (card, _) in scored.OrderByDescending(x => x.Score))
        {
            if (picks.Count == options.DigestSize)
            {
                break;
            }
            if ((card.ClusterId is null || picks.All(p => p.ClusterId != card.ClusterId)) && picks.Count(p => p.EpisodeId == card.EpisodeId) < RankingWeights.MaxPerEpisode)
            {
                picks.Add(card);
            }
        }
        return picks.Select(p => p.Id).ToList();
    }

    private static int Arg(string[] args, int index, int fallback) =>
        args.Length > index && int.TryParse(args[index], out var value) ? value : fallback;

    private static float[] RandomUnit(Random random, int dimensions)
    {
        var v = new float[dimensions];
        for (var d = 0; d < dimensions; d++)
        {
            v[d] = (float)(random.NextDouble() * 2 - 1);
        }
        Normalize(v);
        return v;
    }

    private static float[] Near(Random random, float[] centroid, float noise)
    {
        var v = RandomUnit(random, centroid.Length);
        for (var d = 0; d < v.Length; d++)
        {
            v[d] = centroid[d] + noise * v[d];
        }
        Normalize(v);
        return v;
    }

    private static void Normalize(float[] v)
    {
        var norm = MathF.Sqrt(v.Sum(x => x * x));
        for (var d = 0; d < v.Length; d++)
        {
            v[d] /= norm;
        }
    }
}
