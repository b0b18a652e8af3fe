using System.Net;
using Microsoft.EntityFrameworkCore;
using PodBrief.Core.Data;
using PodBrief.Testing;
using PodBrief.Web.Pages.Insights;
using static PodBrief.IntegrationTests.Web.WebTestKit;

namespace PodBrief.IntegrationTests.Web;

public class InsightPageTests
{
    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task Insight_page_shows_card_quote_listen_link_funding_and_nearest_related(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, _) = await StartAsync(provider);
        await using var _app = app;
        var ids = await SeedCardsAsync(app, "Deep Show", [
            ("Distillation attacks are cheap", [1f, 0f, 0f]),
            ("Same episode, same idea", [0.99f, 0.14f, 0f]),
        ], fundingUrl: "https://example.com/support", enclosureUrl: "https://cdn.example.com/ep1.mp3", imageUrl: "https://cdn.example.com/art.png");
        var others = await SeedCardsAsync(app, "Other Show", [
            ("Unrelated gardening tip", [0f, 0f, 1f]),
            ("Distillation looks like evaluation traffic", [0.9f, 0.436f, 0f]),
        ], episodeLink: null);
        using var client = Client(app);

        var response = await client.GetAsync($"/i/{ids[0]}", ct);
        var html = await BodyAsync(response);
        AssertStatus(HttpStatusCode.OK, response, html);
        Assert.Contains("<h1>Distillation attacks are cheap</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<blockquote class=\"quote\">", html, StringComparison.Ordinal);
        Assert.Contains("the quote of Distillation attacks are cheap", html, StringComparison.Ordinal);
        // The player starts at the quote (a Media Fragment on the enclosure); the episode page gets the time too.
        Assert.Contains("<source src=\"https://cdn.example.com/ep1.mp3#t=754\" type=\"audio/mpeg\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://example.com/ep1#t=754\"", html, StringComparison.Ordinal);
        Assert.Contains("Listen from 12:34", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://example.com/support\"", html, StringComparison.Ordinal);
        Assert.Contains("Deep Show", html, StringComparison.Ordinal);
        Assert.Contains("<meta property=\"og:title\" content=\"Distillation attacks are cheap\"", html, StringComparison.Ordinal);
        Assert.Contains("<meta property=\"og:image\" content=\"https://cdn.example.com/art.png\"", html, StringComparison.Ordinal);
        Assert.Contains("<meta name=\"twitter:card\"", html, StringComparison.Ordinal);
        var related = html[html.IndexOf("Related insights", StringComparison.Ordinal)..];
        var near = related.IndexOf("Distillation looks like evaluation traffic", StringComparison.Ordinal);
        var far = related.IndexOf("Unrelated gardening tip", StringComparison.Ordinal);
        Assert.True(near >= 0 && far > near, "The nearest card of another show should come first among related insights.");
        Assert.DoesNotContain("/i/" + ids[0] + "\"", related, StringComparison.Ordinal);
        Assert.DoesNotContain("Same episode, same idea", related, StringComparison.Ordinal);
        // A card whose show has no episode page links to its own page, where the player starts at ?t=.
        Assert.Contains($"href=\"/i/{others[1]}?t=754\"", related, StringComparison.Ordinal);

        var fromEmail = await BodyAsync(await client.GetAsync($"/i/{ids[0]}?t=61", ct));
        Assert.Contains("<source src=\"https://cdn.example.com/ep1.mp3#t=61\"", fromEmail, StringComparison.Ordinal);
        Assert.Contains("Listen from 01:01", fromEmail, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task A_quote_that_repeats_the_body_and_a_generic_speaker_are_not_shown(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, _) = await StartAsync(provider);
        await using var _app = app;
        var ids = await SeedCardsAsync(app, "Echo Show", [("Echo", null)], quoteOf: h => "body of " + h.ToLowerInvariant());
        await using (var db = app.CreateDbContext())
        {
            var card = await db.InsightCards.SingleAsync(c => c.Id == ids[0], ct);
            card.Speaker = "SPEAKER_2";
            await db.SaveChangesAsync(ct);
        }
        using var client = Client(app);
        var html = await BodyAsync(await client.GetAsync($"/i/{ids[0]}", ct));
        Assert.Contains("Body of Echo", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<blockquote", html, StringComparison.Ordinal);
        Assert.DoesNotContain("SPEAKER_2", html, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task Feed_and_model_text_is_encoded_and_unsafe_links_are_dropped(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, _) = await StartAsync(provider);
        await using var _app = app;
        var ids = await SeedCardsAsync(app, "<img src=x onerror=alert(1)>", [("<script>alert('h')</script>", null)],
            episodeLink: "javascript:alert(1)", fundingUrl: "javascript:alert(2)");
        using var client = Client(app);

        foreach (var url in new[] { $"/i/{ids[0]}", "/" })
        {
            var html = await BodyAsync(await client.GetAsync(url, ct));
            Assert.Contains("&lt;script&gt;alert(", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
            Assert.DoesNotContain("javascript:", html, StringComparison.Ordinal);
        }
    }

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task Landing_shows_the_best_recent_cards(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, _) = await StartAsync(provider);
        await using var _app = app;
        // Equal importance: the newer card (Best card, seeded last) is featured.
        await SeedCardsAsync(app, "Second Show", [("Second card", null)], quoteStart: 65);
        await SeedCardsAsync(app, "Landing Show", [("Best card", null), ("Same show card", null)], quoteStart: 65);
        using var client = Client(app);
        var html = await BodyAsync(await client.GetAsync("/", ct));
        Assert.DoesNotContain("No insights yet", html, StringComparison.Ordinal);
        // One featured card, then "Related insights" from other shows only.
        var featured = html.IndexOf("featured-heading", StringComparison.Ordinal);
        var relatedAt = html.IndexOf("Related insights", StringComparison.Ordinal);
        var best = html.IndexOf(">Best card<", StringComparison.Ordinal);
        Assert.True(featured > 0 && featured < best && best < relatedAt, "The best card is featured above Related insights.");
        Assert.True(html.IndexOf(">Second card<", StringComparison.Ordinal) > relatedAt, "Another show's card is among the related ones.");
        Assert.DoesNotContain("Same show card", html, StringComparison.Ordinal);
        Assert.Contains("Listen from 01:05", html, StringComparison.Ordinal);
        Assert.Contains("Landing Show", html, StringComparison.Ordinal);
        Assert.Contains("<meta property=\"og:description\"", html, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task Landing_cards_come_from_a_cache_that_notices_new_cards(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, _) = await StartAsync(provider);
        await using var _app = app;
        using var client = Client(app);
        Assert.Contains("No insights yet", await BodyAsync(await client.GetAsync("/", ct)), StringComparison.Ordinal);

        await SeedCardsAsync(app, "Late Show", [("Fresh card", null)]);
        // Within the check interval the page is served from memory, without looking at the database.
        Assert.Contains("No insights yet", await BodyAsync(await client.GetAsync("/", ct)), StringComparison.Ordinal);
        app.Clock.Advance(LandingInsights.CheckInterval + TimeSpan.FromSeconds(1));
        Assert.Contains(">Fresh card<", await BodyAsync(await client.GetAsync("/", ct)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_insight_is_a_readable_404()
    {
        var (app, _) = await StartAsync(DatabaseProvider.Sqlite);
        await using var _app = app;
        using var client = Client(app);
        var response = await client.GetAsync("/i/987654", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Not found", await BodyAsync(response), StringComparison.Ordinal);
    }
}
