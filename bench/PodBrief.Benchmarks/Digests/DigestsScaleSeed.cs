using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PodBrief.Core.Data;
using PodBrief.Core.Digests;
using PodBrief.Core.Feeds;
using PodBrief.Core.Insights;
using PodBrief.Core.Ranking;
using PodBrief.Core.Subscribers;
using PodBrief.Testing;

namespace PodBrief.Benchmarks.Digests;

/// <summary>
/// A day's worth of data for the digest run: 30 embedded topics, 200 shows, 1,000 fresh cards (384-d embeddings
/// near their topic, some clustered across shows) and N active subscribers with realistic preferences — 1–4
/// followed topics, sometimes a muted one, followed and muted shows, 👍/👎 on older cards, free-text interests
/// for some, and a digest from yesterday for one in ten (so "already sent" matters). Deterministic (seeded RNG).
/// Unless <c>coldProfiles</c>, it is an ordinary day: every profile was built (by the production builder) and
/// stored yesterday, and one subscriber in twenty has voted since, so theirs is stale and rebuilt in the run.
/// With <c>coldProfiles</c> it is the first run ever: no profile is stored and all are built.
/// </summary>
internal static class DigestsScaleSeed
{
    public const string Model = "bench-minilm";
    private const int Dimensions = 384;
    private static readonly string[] Zones = ["UTC", "Europe/Berlin", "Europe/London", "America/New_York", "America/Los_Angeles", "Asia/Tokyo", "Australia/Sydney", "Asia/Kolkata"];

    public static async Task SeedAsync(TestApp app, int subscribers, DateTime now, bool coldProfiles)
    {
        var random = new Random(42);
        await using var db = app.CreateDbContext();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var topicVectors = Enumerable.Range(0, 30).Select(_ => Unit(random, null, 0)).ToList();
        var topics = topicVectors.Select((v, i) => new Topic
        {
            Slug = $"bench-{i}",
            Name = $"Topic {i}",
            Description = $"Bench topic {i}",
            Embedding = EmbeddingBytes.ToBytes(v),
            EmbeddingModel = Model,
        }).ToList();
        db.Topics.AddRange(topics);
        var podcasts = Enumerable.Range(0, 200).Select(i => new Podcast
        {
            FeedUrl = $"https://feeds.example.com/bench-{i}.xml",
            Title = $"Bench Show {i}",
            CreatedAt = now,
            UpdatedAt = now,
            NextCheckAt = now.AddHours(1),
        }).ToList();
        db.Podcasts.AddRange(podcasts);
        await db.SaveChangesAsync();

        var episodes = Enumerable.Range(0, 400).Select(i => new Episode
        {
            PodcastId = podcasts[i % podcasts.Count].Id,
            IdentityKey = $"bench-ep-{i}",
            Title = $"Episode {i}: what changed this week",
            Link = $"https://example.com/episodes/{i}",
            PublishedAt = now.AddHours(-random.Next(1, 60)),
            FirstSeenAt = now,
            UpdatedAt = now,
        }).ToList();
        db.Episodes.AddRange(episodes);
        var clusters = Enumerable.Range(0, 80).Select(_ => new InsightCluster { CreatedAt = now, UpdatedAt = now }).ToList();
        db.InsightClusters.AddRange(clusters);
        await db.SaveChangesAsync();

        // 1,000 fresh candidates plus 500 older cards (feedback and yesterday's digests point at those).
        var cards = new List<InsightCard>();
        for (var i = 0; i < 1500; i++)
        {
            var topic = random.Next(topics.Count);
            var episode = episodes[random.Next(episodes.Count)];
            cards.Add(new InsightCard
            {
                EpisodeId = episode.Id,
                PodcastId = episode.PodcastId,
                Headline = $"Insight {i}: a claim with its consequence about topic {topic}",
                Body = "Large, centralized models can be distilled cheaply by querying them. That favours open models, and providers cannot tell distillation from evaluation.",
                Quote = i % 5 == 0 ? "" : "a smaller model can be trained cheaply by querying the larger one",
                QuoteStartSeconds = i % 3 == 0 ? null : 60 + i,
                Importance = 0.3 + (random.NextDouble() * 0.7),
                Embedding = EmbeddingBytes.ToBytes(Unit(random, topicVectors[topic], 0.6f)),
                EmbeddingModel = Model,
                ClusterId = i % 10 == 0 ? clusters[random.Next(clusters.Count)].Id : null,
                ExtractorName = "bench",
                CreatedAt = i < 1000 ? now.AddHours(-random.Next(1, 40)) : now.AddDays(-10),
                Topics = [new InsightCardTopic { TopicId = topics[topic].Id, Score = 0.9 }],
            });
        }
        db.InsightCards.AddRange(cards);
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();

        for (var start = 0; start < subscribers; start += 2000)
        {
            await using var chunk = app.CreateDbContext();
            chunk.ChangeTracker.AutoDetectChangesEnabled = false;
            var batch = new List<Subscriber>();
            for (var n = start; n < Math.Min(subscribers, start + 2000); n++)
            {
                var followed = Enumerable.Range(0, random.Next(1, 5)).Select(_ => topics[random.Next(topics.Count)].Id).Distinct().ToList();
                var muted = random.Next(5) == 0 ? topics.Select(t => t.Id).Where(id => !followed.Contains(id)).ElementAt(random.Next(20)) : (long?)null;
                var shows = Enumerable.Range(0, random.Next(0, 4)).Select(_ => podcasts[random.Next(podcasts.Count)].Id).Distinct().ToList();
                var email = $"reader{n}@example.com";
                batch.Add(new Subscriber
                {
                    Email = email,
                    EmailNormalized = email,
                    Status = SubscriberStatus.Active,
                    TimeZoneId = Zones[n % Zones.Length],
                    DeliveryTimeLocal = new TimeOnly(7, 0),
                    NextSendAt = now.AddMinutes(-1 - (n % 30)),
                    Interests = n % 7 == 0 ? "local-first software, sleep research" : null,
                    CreatedAt = now.AddDays(-30),
                    ConfirmedAt = now.AddDays(-30),
                    Topics = [.. followed.Select(id => new SubscriberTopic { TopicId = id }),
                        .. (muted is { } m ? [new SubscriberTopic { TopicId = m, IsMuted = true }] : Array.Empty<SubscriberTopic>())],
                    Podcasts = [.. shows.Select((id, k) => new SubscriberPodcast { PodcastId = id, Preference = k == 2 ? PodcastPreference.Muted : PodcastPreference.Followed })],
                });
            }
            chunk.Subscribers.AddRange(batch);
            await chunk.SaveChangesAsync();
            var extras = new List<object>();
            foreach (var s in batch.Where((_, k) => k % 3 == 0))
            {
                for (var v = 0; v < random.Next(1, 5); v++)
                {
                    var card = cards[random.Next(1000, 1500)];
                    extras.Add(new Feedback { SubscriberId = s.Id, InsightCardId = card.Id, PodcastId = card.PodcastId, Kind = v % 3 == 2 ? FeedbackKind.Down : FeedbackKind.Up, CreatedAt = now.AddDays(-2) });
                }
            }
            foreach (var s in batch.Where((_, k) => k % 10 == 0))
            {
                extras.Add(new Digest
                {
                    SubscriberId = s.Id,
                    LocalDate = DateOnly.FromDateTime(now.AddDays(-1)),
                    ScheduledFor = now.AddDays(-1),
                    State = DigestState.Sent,
                    MessageId = $"<yesterday-{s.Id}@bench>",
                    CreatedAt = now.AddDays(-1),
                    SentAt = now.AddDays(-1),
                    Items = [.. Enumerable.Range(0, 3).Select(p => new DigestItem { InsightCardId = cards[random.Next(1000)].Id, Position = p + 1, Score = 0.5, WhyLine = "Top insight today" })],
                });
            }
            chunk.AddRange(extras);
            await chunk.SaveChangesAsync();
            if (!coldProfiles)
            {
                await StoreYesterdaysProfilesAsync(app, batch, cards, random, now);
            }
        }
    }

    /// <summary>Profiles as yesterday's run left them, then a vote since for one subscriber in twenty (stale profile).</summary>
    private static async Task StoreYesterdaysProfilesAsync(TestApp app, List<Subscriber> batch, List<InsightCard> cards, Random random, DateTime now)
    {
        var ids = batch.Select(s => s.Id).ToList();
        await app.WithScopeAsync(sp => sp.GetRequiredService<SubscriberProfileBuilder>().RefreshAsync(ids, Model, save: true, CancellationToken.None));
        await using var db = app.CreateDbContext();
        var yesterday = now.AddDays(-1);
        await db.Subscribers.Where(s => ids.Contains(s.Id)).ExecuteUpdateAsync(s => s.SetProperty(x => x.ProfileUpdatedAt, yesterday));
        db.Feedback.AddRange(batch.Where((_, k) => k % 20 == 7).Select(s =>
        {
            var card = cards[random.Next(1000, 1500)];
            return new Feedback { SubscriberId = s.Id, InsightCardId = card.Id, PodcastId = card.PodcastId, Kind = FeedbackKind.Up, CreatedAt = now.AddHours(-1) };
        }));
        await db.SaveChangesAsync();
    }

    private static float[] Unit(Random random, float[]? near, float noise)
    {
        var v = new float[Dimensions];
        for (var i = 0; i < Dimensions; i++)
        {
            var g = (float)((random.NextDouble() * 2) - 1);
            v[i] = near is null ? g : near[i] + (noise * g / MathF.Sqrt(Dimensions) * 4);
        }
        var norm = MathF.Sqrt(v.Sum(x => x * x));
        for (var i = 0; i < Dimensions; i++)
        {
            v[i] /= norm;
        }
        return v;
    }
}
