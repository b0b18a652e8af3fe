using Microsoft.Extensions.DependencyInjection;
using PodBrief.Core.Data;
using PodBrief.Core.Insights;
using PodBrief.Testing;

namespace PodBrief.IntegrationTests.Ranking;

/// <summary>Ranking through the real dispatcher and database: what ends up in each subscriber's digest rows.</summary>
public class DigestRankingTests
{
    private static readonly DateTime Now = new(2026, 3, 10, 7, 0, 0, DateTimeKind.Utc);

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task No_card_or_cluster_is_sent_twice_across_days(DatabaseProvider provider)
    {
        var (app, _) = await RecordingJobClient.StartAppAsync(provider);
        await using var __ = app;
        var seed = new RankingSeed(app);
        var ai = await seed.TopicAsync("AI", RankingSeed.Axis(0));
        var podcast = await seed.PodcastAsync("Show");
        var cluster = await seed.ClusterAsync(Now);
        var cards = new List<InsightCard>();
        for (var i = 0; i < 8; i++)
        {
            var episode = await seed.EpisodeAsync(podcast, Now.AddHours(-2));
            // Cards 0 and 1 say the same thing (one cluster) and are the two best.
            cards.Add(await seed.CardAsync(episode, "Card " + i, RankingSeed.Axis(0, 1 + i % 7, 0.3f), Now.AddHours(-1),
                importance: i < 2 ? 1.0 : 0.6, cluster: i < 2 ? cluster : null, topic: ai));
        }
        var subscriber = await seed.SubscriberAsync("repeat", Now, follow: [ai]);

        await seed.DispatchAsync(Now);
        await seed.DispatchAsync(Now.AddDays(1));
        await seed.DispatchAsync(Now.AddDays(2));

        var digests = seed.Digests(subscriber.Id);
        Assert.Equal(3, digests.Count);
        var day1 = digests[0].Items;
        Assert.Equal(5, day1.Count);
        Assert.Single(day1, i => i.ClusterId == cluster.Id);
        Assert.Equal(cards[0].Id, day1[0].InsightCardId); // the best card leads
        // Day 2 has what is left: 8 cards − 5 sent − the sent card's cluster sibling.
        Assert.Equal(2, digests[1].Items.Count);
        Assert.Empty(digests[1].Items.Select(i => i.InsightCardId).Intersect(day1.Select(i => i.InsightCardId)));
        Assert.DoesNotContain(digests[1].Items, i => i.InsightCardId == cards[1].Id);
        Assert.Equal(Core.Data.DigestState.Empty, digests[2].State);
    }

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task At_most_two_cards_per_episode(DatabaseProvider provider)
    {
        var (app, _) = await RecordingJobClient.StartAppAsync(provider);
        await using var __ = app;
        var seed = new RankingSeed(app);
        var podcast = await seed.PodcastAsync("Show");
        var big = await seed.EpisodeAsync(podcast, Now.AddHours(-2));
        for (var i = 0; i < 4; i++)
        {
            await seed.CardAsync(big, "Big " + i, RankingSeed.Axis(i), Now.AddHours(-1), importance: 1.0);
        }
        for (var i = 0; i < 2; i++)
        {
            await seed.CardAsync(await seed.EpisodeAsync(podcast, Now.AddHours(-2)), "Other " + i, RankingSeed.Axis(4 + i), Now.AddHours(-1), importance: 0.2);
        }
        var subscriber = await seed.SubscriberAsync("episode", Now);

        await seed.DispatchAsync(Now);

        var items = Assert.Single(seed.Digests(subscriber.Id)).Items;
        Assert.Equal(4, items.Count);
        await using var db = app.CreateDbContext();
        var episodes = items.Select(i => db.InsightCards.Single(c => c.Id == i.InsightCardId).EpisodeId).ToList();
        Assert.Equal(2, episodes.Count(e => e == big.Id));
        Assert.All(items, i => Assert.Equal("Top insight today", i.WhyLine));
    }

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task The_quality_floor_sends_fewer_than_five_or_none(DatabaseProvider provider)
    {
        var (app, _) = await RecordingJobClient.StartAppAsync(provider, new Dictionary<string, string?> { ["Ranking:MinScore"] = "0.2" });
        await using var __ = app;
        var seed = new RankingSeed(app);
        var ai = await seed.TopicAsync("AI", RankingSeed.Axis(0));
        var sleep = await seed.TopicAsync("Sleep", RankingSeed.Axis(5));
        var podcast = await seed.PodcastAsync("Show");
        for (var i = 0; i < 5; i++)
        {
            var episode = await seed.EpisodeAsync(podcast, Now.AddHours(-2));
            await seed.CardAsync(episode, "Card " + i, i < 2 ? RankingSeed.Axis(0, 1, 0.2f * i) : RankingSeed.Axis(3, 2, 0.1f * i), Now.AddHours(-1),
                topic: i < 2 ? ai : null);
        }
        var aiFan = await seed.SubscriberAsync("ai", Now, follow: [ai]);
        var sleeper = await seed.SubscriberAsync("sleep", Now, follow: [sleep]);

        await seed.DispatchAsync(Now);

        var aiDigest = Assert.Single(seed.Digests(aiFan.Id));
        Assert.Equal(2, aiDigest.Items.Count);
        Assert.All(aiDigest.Items, i => Assert.Equal("You follow AI", i.WhyLine));
        Assert.All(aiDigest.Items, i => Assert.True(i.Score >= 0.2));
        var sleepDigest = Assert.Single(seed.Digests(sleeper.Id));
        Assert.Equal(Core.Data.DigestState.Empty, sleepDigest.State);
        Assert.Empty(sleepDigest.Items);
        Assert.Equal(Core.Data.DigestState.Pending, aiDigest.State);
        // The profile was built from the followed topic and stored.
        var stored = seed.Subscriber(aiFan.Id);
        Assert.Equal(RankingSeed.Model, stored.ProfileEmbeddingModel);
        Assert.Equal(RankingSeed.Axis(0), EmbeddingBytes.ToVector(stored.ProfileEmbedding!), new FloatTolerance());
    }

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task Feedback_moves_a_card(DatabaseProvider provider)
    {
        var (app, _) = await RecordingJobClient.StartAppAsync(provider);
        await using var __ = app;
        var seed = new RankingSeed(app);
        var ai = await seed.TopicAsync("AI", RankingSeed.Axis(0));
        var podcast = await seed.PodcastAsync("Show");
        var old = await seed.EpisodeAsync(podcast, Now.AddDays(-20));
        var liked = await seed.CardAsync(old, "Liked long ago", RankingSeed.Axis(1), Now.AddDays(-20));
        var disliked = await seed.CardAsync(old, "Disliked long ago", RankingSeed.Axis(1), Now.AddDays(-20));
        var episode = await seed.EpisodeAsync(podcast, Now.AddHours(-2));
        // Y is created first, so with no feedback it wins the tie with X.
        var y = await seed.CardAsync(episode, "Y", RankingSeed.Axis(0, 2, 0.9f), Now.AddHours(-1), topic: ai);
        var x = await seed.CardAsync(episode, "X", RankingSeed.Axis(0, 1, 0.9f), Now.AddHours(-1), topic: ai);
        var neutral = await seed.SubscriberAsync("neutral", Now, follow: [ai]);
        var fan = await seed.SubscriberAsync("fan", Now, follow: [ai]);
        var critic = await seed.SubscriberAsync("critic", Now, follow: [ai]);
        await seed.SaveAsync(new Feedback { SubscriberId = fan.Id, InsightCardId = liked.Id, Kind = FeedbackKind.Up, CreatedAt = Now.AddDays(-1) });
        await seed.SaveAsync(new Feedback { SubscriberId = critic.Id, InsightCardId = disliked.Id, Kind = FeedbackKind.Down, CreatedAt = Now.AddDays(-1) });

        await seed.DispatchAsync(Now);

        Assert.Equal([y.Id, x.Id], Assert.Single(seed.Digests(neutral.Id)).Items.Select(i => i.InsightCardId));
        Assert.Equal([x.Id, y.Id], Assert.Single(seed.Digests(fan.Id)).Items.Select(i => i.InsightCardId));
        var criticItems = Assert.Single(seed.Digests(critic.Id)).Items;
        Assert.Equal([y.Id, x.Id], criticItems.Select(i => i.InsightCardId));
        Assert.True(criticItems[1].Score < Assert.Single(seed.Digests(neutral.Id)).Items[1].Score, "👎 on a similar card lowers X");
    }

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task Muted_shows_and_topics_are_excluded_and_less_from_this_show_ranks_lower(DatabaseProvider provider)
    {
        var (app, _) = await RecordingJobClient.StartAppAsync(provider);
        await using var __ = app;
        var seed = new RankingSeed(app);
        var sleep = await seed.TopicAsync("Sleep", RankingSeed.Axis(5));
        var kept = await seed.PodcastAsync("Kept");
        var muted = await seed.PodcastAsync("Muted");
        var less = await seed.PodcastAsync("Less");
        var keptCard = await seed.CardAsync(await seed.EpisodeAsync(kept, Now.AddHours(-2)), "Kept", RankingSeed.Axis(0), Now.AddHours(-1), importance: 0.5);
        await seed.CardAsync(await seed.EpisodeAsync(muted, Now.AddHours(-2)), "Muted show", RankingSeed.Axis(1), Now.AddHours(-1), importance: 1.0);
        await seed.CardAsync(await seed.EpisodeAsync(kept, Now.AddHours(-2)), "Muted topic", RankingSeed.Axis(2), Now.AddHours(-1), importance: 1.0, topic: sleep);
        var lessCard = await seed.CardAsync(await seed.EpisodeAsync(less, Now.AddHours(-2)), "Less", RankingSeed.Axis(3), Now.AddHours(-1), importance: 1.0);
        var subscriber = await seed.SubscriberAsync("mute", Now, mute: [sleep],
            podcasts: [new SubscriberPodcast { PodcastId = muted.Id, Preference = PodcastPreference.Muted }]);
        await seed.SaveAsync(new Feedback { SubscriberId = subscriber.Id, PodcastId = less.Id, Kind = FeedbackKind.LessFromShow, CreatedAt = Now.AddDays(-1) });
        var control = await seed.SubscriberAsync("control", Now);

        await seed.DispatchAsync(Now);

        Assert.Equal([keptCard.Id, lessCard.Id], Assert.Single(seed.Digests(subscriber.Id)).Items.Select(i => i.InsightCardId));
        var controlItems = Assert.Single(seed.Digests(control.Id)).Items;
        Assert.Equal(4, controlItems.Count);
        Assert.NotEqual(keptCard.Id, controlItems[0].InsightCardId);
    }

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task Every_pick_says_why(DatabaseProvider provider)
    {
        var embedder = new AxisEmbedder();
        var jobs = new RecordingJobClient();
        // The default topics would go through the recording embedder at startup; this test seeds its own.
        var noDefaultTopics = new Dictionary<string, string?> { ["Insights:SeedDefaultTopics"] = "false" };
        await using var app = await TestApp.StartAsync(provider, noDefaultTopics, configureServices: services =>
        {
            services.AddSingleton<Hangfire.IBackgroundJobClient>(jobs);
            services.AddSingleton<ITextEmbedder>(embedder);
        });
        var seed = new RankingSeed(app);
        var ai = await seed.TopicAsync("AI", RankingSeed.Axis(0));
        var shows = await seed.PodcastAsync("Followed");
        var other = await seed.PodcastAsync("Other");
        var old = await seed.EpisodeAsync(other, Now.AddDays(-20));
        var liked = await seed.CardAsync(old, "Liked long ago", RankingSeed.Axis(4), Now.AddDays(-20));
        var aiCard = await seed.CardAsync(await seed.EpisodeAsync(other, Now.AddHours(-2)), "AI card", RankingSeed.Axis(0), Now.AddHours(-1), topic: ai);
        var showCard = await seed.CardAsync(await seed.EpisodeAsync(shows, Now.AddHours(-2)), "Show card", RankingSeed.Axis(6), Now.AddHours(-1), importance: 1.0);
        var likeCard = await seed.CardAsync(await seed.EpisodeAsync(other, Now.AddHours(-2)), "Like card", RankingSeed.Axis(4, 0, 0.1f), Now.AddHours(-1));
        var interestCard = await seed.CardAsync(await seed.EpisodeAsync(other, Now.AddHours(-2)), "Interest card", RankingSeed.Axis(7), Now.AddHours(-1));
        var subscriber = await seed.SubscriberAsync("why", Now, follow: [ai],
            podcasts: [new SubscriberPodcast { PodcastId = shows.Id, Preference = PodcastPreference.Followed }]);
        await seed.SaveAsync(new Feedback { SubscriberId = subscriber.Id, InsightCardId = liked.Id, Kind = FeedbackKind.Up, CreatedAt = Now.AddDays(-1) });
        var curious = await seed.SaveAsync(new Subscriber
        {
            Email = "curious@example.test",
            EmailNormalized = "curious@example.test",
            Status = SubscriberStatus.Active,
            NextSendAt = Now,
            Interests = "sleep research",
        });
        var newcomer = await seed.SubscriberAsync("new", Now);

        await seed.DispatchAsync(Now);

        var why = Assert.Single(seed.Digests(subscriber.Id)).Items.ToDictionary(i => i.InsightCardId, i => i.WhyLine);
        Assert.Equal("You follow AI", why[aiCard.Id]);
        Assert.Equal("From a show you follow", why[showCard.Id]);
        Assert.Equal("Like a card you liked", why[likeCard.Id]);
        Assert.False(why.ContainsKey(interestCard.Id));
        var curiousItems = Assert.Single(seed.Digests(curious.Id)).Items;
        Assert.Equal(interestCard.Id, curiousItems[0].InsightCardId);
        Assert.Equal("Matches your interests", curiousItems[0].WhyLine);
        Assert.Equal(["sleep research"], embedder.Seen);
        Assert.All(Assert.Single(seed.Digests(newcomer.Id)).Items, i => Assert.Equal("Top insight today", i.WhyLine));
    }

    /// <summary>Embeds any text as axis 7 (stands in for MiniLM, which another issue brings).</summary>
    private sealed class AxisEmbedder : ITextEmbedder
    {
        public List<string> Seen { get; } = [];
        public string ModelName => RankingSeed.Model;
        public int Dimensions => RankingSeed.Dimensions;

        public Task<IReadOnlyList<float[]>> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken)
        {
            Seen.AddRange(texts);
            return Task.FromResult<IReadOnlyList<float[]>>(texts.Select(_ => RankingSeed.Axis(7)).ToList());
        }
    }

    private sealed class FloatTolerance : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => Math.Abs(x - y) < 1e-4f;
        public int GetHashCode(float obj) => 0;
    }
}
