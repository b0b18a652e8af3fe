using System.Net;
using PodBrief.Core.Data;
using PodBrief.Testing;
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
            ("Unrelated gardening tip", [0f, 0f, 1f]),
            ("Distillation looks like evaluation traffic", [0.9f, 0.436f, 0f]),
        ], fundingUrl: "https://example.com/support");
        using var client = Client(app);

        var response = await client.GetAsync($"/i/{ids[0]}", ct);
        var html = await BodyAsync(response);
        AssertStatus(HttpStatusCode.OK, response, html);
        Assert.Contains("<h1>Distillation attacks are cheap</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<blockquote class=\"quote\">", html, StringComparison.Ordinal);
        Assert.Contains("Quote of Distillation attacks are cheap", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://example.com/ep1#t=754\"", html, StringComparison.Ordinal);
        Assert.Contains("Listen from 12:34", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://example.com/support\"", html, StringComparison.Ordinal);
        Assert.Contains("Deep Show", html, StringComparison.Ordinal);
        var related = html[html.IndexOf("Related insights", StringComparison.Ordinal)..];
        var near = related.IndexOf("Distillation looks like evaluation traffic", StringComparison.Ordinal);
        var far = related.IndexOf("Unrelated gardening tip", StringComparison.Ordinal);
        Assert.True(near >= 0 && far > near, "The nearest card should come first among related insights.");
        Assert.DoesNotContain("/i/" + ids[0] + "\"", related, StringComparison.Ordinal);
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
        await SeedCardsAsync(app, "Landing Show", [("Best card", null), ("Second card", null)], quoteStart: 65);
        using var client = Client(app);
        var html = await BodyAsync(await client.GetAsync("/", ct));
        Assert.DoesNotContain("No insights yet", html, StringComparison.Ordinal);
        Assert.True(html.IndexOf("Best card", StringComparison.Ordinal) < html.IndexOf("Second card", StringComparison.Ordinal));
        Assert.Contains("Listen from 01:05", html, StringComparison.Ordinal);
        Assert.Contains("Landing Show", html, StringComparison.Ordinal);
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
