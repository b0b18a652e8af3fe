using System.Net;
using Microsoft.EntityFrameworkCore;
using PodBrief.Core.Data;
using PodBrief.Testing;
using static PodBrief.IntegrationTests.Web.WebTestKit;

namespace PodBrief.IntegrationTests.Web;

public class PreferencesTests
{
    private static KeyValuePair<string, string>[] Form(string timeZone, string frequency, string time = "06:30", params string[] topics) =>
    [
        new("DeliveryTime", time), new("TimeZone", timeZone), new("Frequency", frequency), new("WeeklyDay", "friday"),
        new("Interests", "local-first software <script>alert(1)</script>"),
        .. topics.Select(t => new KeyValuePair<string, string>("Topics", t)),
    ];

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task Saving_topics_time_zone_and_frequency_shows_saved_and_reschedules(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, _) = await StartAsync(provider);
        await using var _app = app;
        await SeedTopicsAsync(app);
        var subscriber = await SeedSubscriberAsync(app, "tuner@example.com");
        using var client = Client(app);
        var url = $"/preferences/{subscriber.ManageToken}";

        var first = await BodyAsync(await client.GetAsync(url, ct));
        Assert.Contains("<form id=\"preferences-form\"", first, StringComparison.Ordinal);
        // A picker of IANA zones (no free text); the UTC default asks site.js to preselect the browser's zone.
        Assert.Contains("<select id=\"timezone\" name=\"TimeZone\" data-detect=\"1\"", first, StringComparison.Ordinal);
        Assert.Contains("<option value=\"Europe/Berlin\">Europe/Berlin (UTC", first, StringComparison.Ordinal);
        Assert.DoesNotContain("<option value=\"EST5EDT\"", first, StringComparison.Ordinal);
        Assert.Contains("type=\"time\" name=\"DeliveryTime\" value=\"07:00\"", first, StringComparison.Ordinal);

        var save = await SubmitAsync(client, url, Form("America/New_York", "weekly", "06:30", "webtest-ai", "webtest-economics"));
        Assert.Equal(HttpStatusCode.SeeOther, save.StatusCode);
        var saved = await client.GetAsync(save.Headers.Location!.OriginalString, ct);
        var html = await BodyAsync(saved);
        AssertStatus(HttpStatusCode.OK, saved, html);
        Assert.Contains("role=\"status\">Saved</p>", html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"America/New_York\" selected=\"selected\">", html, StringComparison.Ordinal);
        Assert.Contains("value=\"weekly\" checked=\"checked\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"webtest-ai\" checked=\"checked\"", html, StringComparison.Ordinal);
        Assert.Contains("local-first software &lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(1)", html, StringComparison.Ordinal);

        await using var db = app.CreateDbContext();
        var row = await db.Subscribers.Include(s => s.Topics).SingleAsync(ct);
        Assert.Equal("America/New_York", row.TimeZoneId);
        Assert.Equal(DeliveryFrequency.Weekly, row.Frequency);
        Assert.Equal(DayOfWeek.Friday, row.WeeklyDay);
        Assert.Equal(new TimeOnly(6, 30), row.DeliveryTimeLocal);
        Assert.Equal(2, row.Topics.Count);
        // 2026-03-02 is a Monday; the first Friday 06:30 in New York (EST, UTC-5) is 2026-03-06 11:30 UTC.
        Assert.Equal(new DateTime(2026, 3, 6, 11, 30, 0, DateTimeKind.Utc), row.NextSendAt);
    }

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task Bad_input_gets_a_400_with_messages_and_changes_nothing(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, _) = await StartAsync(provider);
        await using var _app = app;
        var subscriber = await SeedSubscriberAsync(app, "typo@example.com");
        using var client = Client(app);
        var url = $"/preferences/{subscriber.ManageToken}";

        var response = await SubmitAsync(client, url, Form("Mars/Olympus_Mons", "hourly", "25:99"));
        var html = await BodyAsync(response);
        AssertStatus(HttpStatusCode.BadRequest, response, html);
        Assert.Contains("Use a time zone name like Europe/Berlin", html, StringComparison.Ordinal);
        Assert.Contains("Pick a delivery time", html, StringComparison.Ordinal);
        Assert.Contains("Pick how often", html, StringComparison.Ordinal);
        await using var db = app.CreateDbContext();
        var row = await db.Subscribers.SingleAsync(ct);
        Assert.Equal("UTC", row.TimeZoneId);
        Assert.Equal(DeliveryFrequency.Daily, row.Frequency);
    }

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task Paused_means_nothing_scheduled(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, _) = await StartAsync(provider);
        await using var _app = app;
        var subscriber = await SeedSubscriberAsync(app, "break@example.com");
        using var client = Client(app);
        var save = await SubmitAsync(client, $"/preferences/{subscriber.ManageToken}", Form("Europe/Berlin", "paused"));
        Assert.Equal(HttpStatusCode.SeeOther, save.StatusCode);
        await using var db = app.CreateDbContext();
        var row = await db.Subscribers.SingleAsync(ct);
        Assert.Equal(DeliveryFrequency.Paused, row.Frequency);
        Assert.Null(row.NextSendAt);
    }

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task Shows_can_be_found_followed_muted_and_removed(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, _) = await StartAsync(provider);
        await using var _app = app;
        await SeedCardsAsync(app, "Hard Fork <Live>", []);
        var subscriber = await SeedSubscriberAsync(app, "listener@example.com");
        using var client = Client(app);
        var url = $"/preferences/{subscriber.ManageToken}";

        var search = await BodyAsync(await client.GetAsync(url + "?q=fork", ct));
        Assert.Contains("Hard Fork &lt;Live&gt;", search, StringComparison.Ordinal);
        long podcastId;
        await using (var db = app.CreateDbContext())
        {
            podcastId = await db.Podcasts.Select(p => p.Id).SingleAsync(ct);
        }
        var follow = await SubmitAsync(client, url + "?q=fork", [new("podcastId", podcastId.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("preference", "mute")], url + "?handler=Show");
        Assert.Equal(HttpStatusCode.SeeOther, follow.StatusCode);
        await using (var db = app.CreateDbContext())
        {
            Assert.Equal(PodcastPreference.Muted, (await db.SubscriberPodcasts.SingleAsync(ct)).Preference);
        }
        var page = await BodyAsync(await client.GetAsync(url, ct));
        Assert.Contains("Muted", page, StringComparison.Ordinal);

        var remove = await SubmitAsync(client, url, [new("podcastId", podcastId.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("preference", "remove")], url + "?handler=Show");
        Assert.Equal(HttpStatusCode.SeeOther, remove.StatusCode);
        await using (var db = app.CreateDbContext())
        {
            Assert.Equal(0, await db.SubscriberPodcasts.CountAsync(ct));
        }
    }

    [Fact]
    public async Task Adding_a_feed_when_the_catalog_cannot_gives_a_readable_message()
    {
        var (app, _) = await StartAsync(DatabaseProvider.Sqlite);
        await using var _app = app;
        var subscriber = await SeedSubscriberAsync(app, "adder@example.com");
        using var client = Client(app);
        var url = $"/preferences/{subscriber.ManageToken}";

        var bad = await SubmitAsync(client, url, [new("feedUrl", "javascript:alert(1)")], url + "?handler=AddFeed");
        var badHtml = await BodyAsync(bad);
        AssertStatus(HttpStatusCode.BadRequest, bad, badHtml);
        Assert.Contains("Enter the full address of a podcast feed", badHtml, StringComparison.Ordinal);

        // Whether or not a catalog is registered, the answer is a page, never a 500.
        var response = await SubmitAsync(client, url, [new("feedUrl", "http://127.0.0.1:1/feed.xml")], url + "?handler=AddFeed");
        Assert.True((int)response.StatusCode is 303 or 400, $"Got {(int)response.StatusCode}");
    }

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task Settings_links_expire_and_unknown_ones_get_a_readable_404(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, _) = await StartAsync(provider);
        await using var _app = app;
        var subscriber = await SeedSubscriberAsync(app, "old@example.com");
        using var client = Client(app);

        var unknown = await client.GetAsync("/preferences/nope", ct);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("This link no longer works", await BodyAsync(unknown), StringComparison.Ordinal);

        app.Clock.Advance(TimeSpan.FromDays(61));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/preferences/{subscriber.ManageToken}", ct)).StatusCode);
    }
}
