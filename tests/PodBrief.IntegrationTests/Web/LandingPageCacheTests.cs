using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PodBrief.Core.Data;
using PodBrief.Testing;
using PodBrief.Web.Pages;
using PodBrief.Web.Pages.Insights;
using static PodBrief.IntegrationTests.Web.WebTestKit;

namespace PodBrief.IntegrationTests.Web;

/// <summary>The landing page is rendered once per card set and then written from memory with a new antiforgery
/// token per response (issue 13 item 5): same page, same headers, a working form, new cards seen.</summary>
public class LandingPageCacheTests
{
    [Fact]
    public async Task Landing_is_rendered_once_per_card_set_and_every_view_gets_its_own_working_token()
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, mail) = await StartAsync(DatabaseProvider.Sqlite);
        await using var _app = app;
        await SeedTopicsAsync(app);
        var cache = app.Services.GetRequiredService<LandingPageCache>();
        using var first = Client(app);
        using var second = Client(app);

        var rendered = await first.GetAsync("/", ct);
        var fromMemory = await second.GetAsync("/", ct);
        // The first client again, now with its antiforgery cookie: the cookie is reused, the form token is new.
        var returning = await first.GetAsync("/", ct);
        var pages = new[] { rendered, fromMemory, returning };
        var bodies = new List<string>();
        foreach (var page in pages)
        {
            var html = await BodyAsync(page);
            AssertStatus(HttpStatusCode.OK, page, html);
            Assert.Equal("text/html; charset=utf-8", page.Content.Headers.ContentType?.ToString());
            Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(html), page.Content.Headers.ContentLength);
            Assert.Contains("no-store", page.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
            Assert.Equal("nosniff", Assert.Single(page.Headers.GetValues("X-Content-Type-Options")));
            Assert.Single(page.Headers.GetValues("Content-Security-Policy"));
            bodies.Add(html);
        }
        Assert.Equal(1, cache.Renders);
        Assert.All(bodies, b => Assert.Equal(WithoutAntiforgery(bodies[0]), WithoutAntiforgery(b)));
        Assert.Equal(3, bodies.Select(AntiforgeryToken).Distinct().Count());
        Assert.Contains(rendered.Headers.GetValues("Set-Cookie"), c => c.StartsWith("podbrief.af=", StringComparison.Ordinal));
        Assert.Contains(fromMemory.Headers.GetValues("Set-Cookie"), c => c.StartsWith("podbrief.af=", StringComparison.Ordinal));
        Assert.False(returning.Headers.Contains("Set-Cookie"), "A visitor with a valid antiforgery cookie keeps it.");

        // A token written from memory is a real one: the signup goes through (and a forged one still does not).
        var signup = await SignupAsync(second, "cached.form@example.com", "webtest-ai");
        AssertStatus(HttpStatusCode.OK, signup, await BodyAsync(signup));
        Assert.Single(mail.To("cached.form@example.com"));
        using var forged = new FormUrlEncodedContent([new("Email", "forged@example.com"), new("__RequestVerificationToken", AntiforgeryToken(bodies[1]) + "x")]);
        Assert.Equal(HttpStatusCode.BadRequest, (await second.PostAsync("/", forged, ct)).StatusCode);
        Assert.Equal(1, cache.Renders);

        // New cards are a new card set: rendered afresh once, then from memory again.
        await SeedCardsAsync(app, "Fresh Show", [("Fresh cached card", null)]);
        app.Clock.Advance(LandingInsights.CheckInterval + TimeSpan.FromSeconds(1));
        Assert.Contains(">Fresh cached card<", await BodyAsync(await first.GetAsync("/", ct)), StringComparison.Ordinal);
        Assert.Contains(">Fresh cached card<", await BodyAsync(await second.GetAsync("/", ct)), StringComparison.Ordinal);
        Assert.Equal(2, cache.Renders);
    }

    [Fact]
    public async Task Other_ways_to_the_landing_page_are_rendered_as_before()
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, _) = await StartAsync(DatabaseProvider.Sqlite);
        await using var _app = app;
        var cache = app.Services.GetRequiredService<LandingPageCache>();
        using var client = Client(app);

        foreach (var url in new[] { "/?utm_source=newsletter", "/Index" })
        {
            var response = await client.GetAsync(url, ct);
            var html = await BodyAsync(response);
            AssertStatus(HttpStatusCode.OK, response, html);
            Assert.Contains("<form id=\"signup-form\" method=\"post\"", html, StringComparison.Ordinal);
            AntiforgeryToken(html);
        }
        // og:url names the path it was asked for; only "/" itself is kept.
        Assert.Contains("content=\"http://localhost:5080/Index\"", await BodyAsync(await client.GetAsync("/Index", ct)), StringComparison.Ordinal);
        Assert.Equal(0, cache.Renders);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/?handler=nope", ct)).StatusCode);
        Assert.Equal(0, cache.Renders);
    }
}
