using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PodBrief.Core.Data;
using PodBrief.Core.Insights;
using PodBrief.Testing;
using PodBrief.Testing.Insights;

namespace PodBrief.IntegrationTests.Insights;

public class CardClustererTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task Near_duplicate_cards_from_two_shows_join_one_cluster_with_the_most_important_card_canonical(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var now = app.Clock.GetUtcNow().UtcDateTime;
        await using var db = app.CreateDbContext();
        var showA = await InsightsTestData.AddEpisodeAsync(db, now, null, TimeSpan.FromDays(1), "Show A");
        var showB = await InsightsTestData.AddEpisodeAsync(db, now, null, TimeSpan.FromDays(1), "Show B");

        var same = DedupePairs.SameClaim;
        var different = DedupePairs.DifferentClaims;
        var cardsA = await AddCardsAsync(db, showA, [.. same.Select(p => p.A), different[1].B], importance: 0.5, now);
        await Cluster(app, cardsA);
        Assert.Equal(0, await db.InsightClusters.CountAsync(Ct)); // nothing to match yet

        var cardsB = await AddCardsAsync(db, showB, [.. same.Select(p => p.B), different[0].B], importance: 0.9, now);
        await Cluster(app, cardsB);

        await using var check = app.CreateDbContext();
        var stored = await check.InsightCards.ToDictionaryAsync(c => c.Id, Ct);
        for (var i = 0; i < same.Count; i++)
        {
            var a = stored[cardsA[i].Id];
            var b = stored[cardsB[i].Id];
            Assert.True(a.ClusterId is not null && a.ClusterId == b.ClusterId, $"pair {i} not clustered: {same[i].A}");
            var cluster = await check.InsightClusters.SingleAsync(k => k.Id == a.ClusterId, Ct);
            Assert.Equal(b.Id, cluster.CanonicalCardId); // Show B's card is more important
            Assert.Equal(2, cluster.CardCount);
        }
        Assert.Null(stored[cardsA[^1].Id].ClusterId);
        Assert.Null(stored[cardsB[^1].Id].ClusterId);

        // What the pages and the email show: Show B's canonical card, "also discussed in Show A (08:10)".
        var canonical = await check.InsightCards.WhereCanonical().Where(c => c.EpisodeId == showA.Id).Select(c => c.Id).ToListAsync(Ct);
        Assert.Equal([cardsA[^1].Id], canonical);
        var also = await InsightClusterQueries.AlsoDiscussedAsync(check, [cardsB[0].Id], Ct);
        var entry = Assert.Single(also[cardsB[0].Id]);
        Assert.Equal("Show A (08:10)", entry.Label);
    }

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task Re_extracting_an_episode_dissolves_clusters_left_with_one_card(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var now = app.Clock.GetUtcNow().UtcDateTime;
        await using var db = app.CreateDbContext();
        var showA = await InsightsTestData.AddEpisodeAsync(db, now, null, TimeSpan.FromDays(1), "Show A");
        var showB = await InsightsTestData.AddEpisodeAsync(db, now, null, TimeSpan.FromDays(1), "Show B");
        var a = await AddCardsAsync(db, showA, [DedupePairs.SameClaim[0].A], 0.5, now);
        var b = await AddCardsAsync(db, showB, [DedupePairs.SameClaim[0].B], 0.6, now);
        await Cluster(app, b);
        var clusterId = (await db.InsightCards.AsNoTracking().SingleAsync(c => c.Id == a[0].Id, Ct)).ClusterId;
        Assert.NotNull(clusterId);

        await db.InsightCards.Where(c => c.EpisodeId == showB.Id).ExecuteDeleteAsync(Ct);
        await app.WithScopeAsync(sp => sp.GetRequiredService<CardClusterer>().RefreshAsync(sp.GetRequiredService<PodBriefDbContext>(), [clusterId!.Value], Ct));

        await using var check = app.CreateDbContext();
        Assert.Null((await check.InsightCards.SingleAsync(c => c.Id == a[0].Id, Ct)).ClusterId);
        Assert.Equal(0, await check.InsightClusters.CountAsync(Ct));
    }

    private static async Task Cluster(TestApp app, List<InsightCard> cards) =>
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<PodBriefDbContext>();
            var ids = cards.Select(c => c.Id).ToList();
            var tracked = await db.InsightCards.Where(c => ids.Contains(c.Id)).OrderBy(c => c.Id).ToListAsync(Ct);
            await sp.GetRequiredService<CardClusterer>().AssignAsync(db, tracked, Ct);
        });

    private static async Task<List<InsightCard>> AddCardsAsync(PodBriefDbContext db, Episode episode, IReadOnlyList<string> bodies, double importance, DateTime now)
    {
        var vectors = await SharedEmbedder.Embedder.EmbedAsync(bodies, Ct);
        var cards = bodies.Select((body, i) => new InsightCard
        {
            EpisodeId = episode.Id,
            PodcastId = episode.PodcastId,
            Headline = body[..Math.Min(60, body.Length)],
            Body = body,
            Quote = body,
            QuoteStartSeconds = 490 + i,
            Importance = importance,
            Embedding = EmbeddingBytes.ToBytes(vectors[i]),
            EmbeddingModel = LocalMiniLmEmbedder.Model,
            ExtractorName = "test",
            CreatedAt = now,
        }).ToList();
        db.InsightCards.AddRange(cards);
        await db.SaveChangesAsync(Ct);
        return cards;
    }
}
