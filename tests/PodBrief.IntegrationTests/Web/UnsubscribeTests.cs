using System.Net;
using Microsoft.EntityFrameworkCore;
using PodBrief.Core.Data;
using PodBrief.Testing;
using static PodBrief.IntegrationTests.Web.WebTestKit;

namespace PodBrief.IntegrationTests.Web;

public class UnsubscribeTests
{
    public static TheoryData<DatabaseProvider, string> ProvidersAndBodies => new()
    {
        { DatabaseProvider.Sqlite, "urlencoded" },
        { DatabaseProvider.Sqlite, "multipart" },
        { DatabaseProvider.Sqlite, "empty" },
        { DatabaseProvider.Postgres, "urlencoded" },
        { DatabaseProvider.Postgres, "multipart" },
    };

    [Theory, MemberData(nameof(ProvidersAndBodies))]
    public async Task One_click_post_unsubscribes_without_cookies_or_antiforgery_and_answers_200(DatabaseProvider provider, string bodyKind)
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, _) = await StartAsync(provider);
        await using var _app = app;
        var subscriber = await SeedSubscriberAsync(app, "leaving@example.com");
        await using (var db = app.CreateDbContext())
        {
            await db.Subscribers.ExecuteUpdateAsync(u => u.SetProperty(s => s.NextSendAt, app.Clock.GetUtcNow().UtcDateTime.AddHours(3)), ct);
        }
        // A mail provider's request: no cookies, no prior GET, no token field.
        using var client = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });

        HttpContent content = bodyKind switch
        {
            "urlencoded" => new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]),
            "multipart" => new MultipartFormDataContent { { new StringContent("One-Click"), "List-Unsubscribe" } },
            _ => new ByteArrayContent([]),
        };
        var response = await client.PostAsync($"/unsubscribe/{subscriber.UnsubscribeToken}", content, ct);
        var body = await BodyAsync(response);

        AssertStatus(HttpStatusCode.OK, response, body);
        Assert.Contains("You are unsubscribed", body, StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        await using (var db = app.CreateDbContext())
        {
            var row = await db.Subscribers.SingleAsync(ct);
            Assert.Equal(SubscriberStatus.Unsubscribed, row.Status);
            Assert.Null(row.NextSendAt);
            Assert.Equal(app.Clock.GetUtcNow().UtcDateTime, row.UnsubscribedAt);
        }

        // Idempotent: again is the same 200 page.
        var again = await client.PostAsync($"/unsubscribe/{subscriber.UnsubscribeToken}", new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]), ct);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("You are unsubscribed", await BodyAsync(again), StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task Get_shows_a_button_and_never_unsubscribes(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, _) = await StartAsync(provider);
        await using var _app = app;
        var subscriber = await SeedSubscriberAsync(app, "staying@example.com");
        using var client = Client(app);

        for (var i = 0; i < 2; i++)
        {
            var page = await client.GetAsync($"/unsubscribe/{subscriber.UnsubscribeToken}", ct);
            var html = await BodyAsync(page);
            AssertStatus(HttpStatusCode.OK, page, html);
            Assert.Contains(">Unsubscribe</button>", html, StringComparison.Ordinal);
            Assert.Matches("<form method=\"post\"[^>]*>\\s*<button type=\"submit\" class=\"button\">Unsubscribe</button>", html);
            // No antiforgery field: the same form must work from a mail client's browser without cookies.
            Assert.DoesNotContain("__RequestVerificationToken", html, StringComparison.Ordinal);
        }
        await using var db = app.CreateDbContext();
        Assert.Equal(SubscriberStatus.Active, (await db.Subscribers.SingleAsync(ct)).Status);
    }

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task Unsubscribe_links_keep_working_long_after_and_unknown_ones_get_a_readable_404(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, _) = await StartAsync(provider);
        await using var _app = app;
        var subscriber = await SeedSubscriberAsync(app, "later@example.com");
        app.Clock.Advance(TimeSpan.FromDays(400));
        using var client = Client(app);

        var unknown = await client.PostAsync("/unsubscribe/not-a-real-token", new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]), ct);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("This link no longer works", await BodyAsync(unknown), StringComparison.Ordinal);

        var response = await client.PostAsync($"/unsubscribe/{subscriber.UnsubscribeToken}", new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]), ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task Resubscribing_needs_a_fresh_confirmation(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, mail) = await StartAsync(provider);
        await using var _app = app;
        var subscriber = await SeedSubscriberAsync(app, "back@example.com");
        using var client = Client(app);
        await client.PostAsync($"/unsubscribe/{subscriber.UnsubscribeToken}", new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]), ct);

        await SignupAsync(client, "back@example.com");
        await using (var db = app.CreateDbContext())
        {
            Assert.Equal(SubscriberStatus.Unsubscribed, (await db.Subscribers.SingleAsync(ct)).Status);
        }
        var confirmPath = LinkPath(Assert.Single(mail.Messages), "/confirm/");
        var page = await BodyAsync(await client.GetAsync(confirmPath, ct));
        var confirm = await client.PostAsync(confirmPath, new FormUrlEncodedContent([new("__RequestVerificationToken", AntiforgeryToken(page))]), ct);
        Assert.Equal(HttpStatusCode.SeeOther, confirm.StatusCode);
        await using (var db = app.CreateDbContext())
        {
            var row = await db.Subscribers.SingleAsync(ct);
            Assert.Equal(SubscriberStatus.Active, row.Status);
            Assert.Null(row.UnsubscribedAt);
        }
    }
}
