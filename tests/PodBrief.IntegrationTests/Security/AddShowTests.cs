using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using PodBrief.Core.Data;
using PodBrief.Core.Feeds;
using PodBrief.Core.Feeds.Ingestion;
using PodBrief.Testing;
using static PodBrief.IntegrationTests.Web.WebTestKit;

namespace PodBrief.IntegrationTests.Security;

/// <summary>Issue 11 items 1 and 8: "add a show" from the preferences page, over real HTTP.</summary>
public class AddShowTests
{
    private const string GoodFeed = """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0"><channel><title>Loopback Show</title>
        <item><title>Episode 1</title><guid>ep-1</guid><enclosure url="https://example.com/1.mp3" type="audio/mpeg" length="1"/></item>
        </channel></rss>
        """;

    /// <summary>The probe's feed: 200,000 nested elements, about 1.4 MB.</summary>
    internal static byte[] DeepFeed(int depth = 200_000)
    {
        var sb = new StringBuilder("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Deep</title>");
        sb.Insert(sb.Length, "<a>", depth).Append('x').Insert(sb.Length, "</a>", depth);
        return Encoding.UTF8.GetBytes(sb.Append("</channel></rss>").ToString());
    }

    private static Task<HttpResponseMessage> AddAsync(HttpClient client, string token, string feedUrl) =>
        SubmitAsync(client, $"/preferences/{token}", [new("feedUrl", feedUrl)], $"/preferences/{token}?handler=AddFeed");

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task A_deeply_nested_feed_is_refused_by_the_fetch_job_and_the_error_is_recorded_on_the_podcast(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        var deep = DeepFeed();
        await using var feeds = await LoopbackHttpServer.StartAsync(c => c.Response.Body.WriteAsync(deep, ct).AsTask());
        var (app, _) = await StartAsync(provider, new Dictionary<string, string?> { ["Feeds:AllowPrivateAddresses"] = "true" }, overHttp: true);
        await using var _app = app;
        var me = await SeedSubscriberAsync(app, "deep@example.com");
        using var client = Client(app);

        var added = await AddAsync(client, me.ManageToken, feeds.Url("/deep.xml").AbsoluteUri);
        Assert.Equal(HttpStatusCode.SeeOther, added.StatusCode);
        Assert.Empty(feeds.Requests); // nothing fetched inside the request
        Assert.Equal(1, await app.Jobs.RunPendingAsync<RefreshPodcastJob>());

        await using (var db = app.CreateDbContext())
        {
            var podcast = await db.Podcasts.SingleAsync(ct);
            Assert.Contains("deeper than 64", podcast.LastError, StringComparison.Ordinal);
            Assert.Equal(1, podcast.ConsecutiveErrors);
            Assert.Equal(0, await db.Episodes.CountAsync(ct));
        }
        var page = await BodyAsync(await client.GetAsync($"/preferences/{me.ManageToken}", ct));
        Assert.Contains("We could not read this feed", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_fetch_runs_in_a_job_and_the_page_shows_checking_then_the_show()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var feeds = await LoopbackHttpServer.StartAsync(c => c.Response.WriteAsync(GoodFeed, ct));
        var (app, _) = await StartAsync(DatabaseProvider.Sqlite, new Dictionary<string, string?> { ["Feeds:AllowPrivateAddresses"] = "true" }, overHttp: true);
        await using var _app = app;
        var me = await SeedSubscriberAsync(app, "adder@example.com");
        using var client = Client(app);

        var added = await AddAsync(client, me.ManageToken, feeds.Url("/good.xml").AbsoluteUri);
        Assert.Equal(HttpStatusCode.SeeOther, added.StatusCode);
        Assert.Empty(feeds.Requests);
        var checking = await BodyAsync(await client.GetAsync(added.Headers.Location!.OriginalString, ct));
        Assert.Contains("Checking the feed", checking, StringComparison.Ordinal);

        await app.Jobs.RunPendingAsync<RefreshPodcastJob>();
        var ready = await BodyAsync(await client.GetAsync($"/preferences/{me.ManageToken}", ct));
        Assert.Contains("Loopback Show", ready, StringComparison.Ordinal);
        Assert.DoesNotContain("Checking the feed", ready, StringComparison.Ordinal);
        await using var db = app.CreateDbContext();
        Assert.Equal(PodcastSource.Subscriber, (await db.Podcasts.SingleAsync(ct)).AddedBy);
        Assert.Equal(1, await db.Episodes.CountAsync(ct));
    }

    [Fact]
    public async Task A_refused_address_gives_generic_text_that_names_no_ip_address()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var feeds = await LoopbackHttpServer.StartAsync(c => c.Response.WriteAsync(GoodFeed, ct));
        // Private addresses refused, as in production: the guard refuses 127.0.0.1 at connect time.
        var (app, _) = await StartAsync(DatabaseProvider.Sqlite, overHttp: true);
        await using var _app = app;
        var me = await SeedSubscriberAsync(app, "prober@example.com");
        using var client = Client(app);
        var url = $"http://localhost:{feeds.BaseUri.Port}/feed.xml";

        var added = await AddAsync(client, me.ManageToken, url);
        var addedHtml = await BodyAsync(added);
        await app.Jobs.RunPendingAsync<RefreshPodcastJob>();
        var page = await BodyAsync(await client.GetAsync($"/preferences/{me.ManageToken}", ct));

        Assert.Empty(feeds.Requests);
        foreach (var html in new[] { addedHtml, page })
        {
            Assert.DoesNotContain("127.0.0.1", html, StringComparison.Ordinal);
            Assert.DoesNotContain("::1", html, StringComparison.Ordinal);
        }
        Assert.Contains("We could not read this feed", page, StringComparison.Ordinal);
        await using var db = app.CreateDbContext();
        Assert.NotNull((await db.Podcasts.SingleAsync(ct)).LastError); // the operator still sees the real reason
    }

    [Fact]
    public async Task A_subscriber_may_add_only_a_few_shows_per_window()
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, _) = await StartAsync(DatabaseProvider.Sqlite, new Dictionary<string, string?> { ["RateLimits:FeedAddsPerSubscriber"] = "2" }, overHttp: true);
        await using var _app = app;
        var me = await SeedSubscriberAsync(app, "greedy@example.com");
        var other = await SeedSubscriberAsync(app, "other@example.com");
        using var client = Client(app);

        Assert.Equal(HttpStatusCode.SeeOther, (await AddAsync(client, me.ManageToken, "https://feeds.example.com/1.xml")).StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, (await AddAsync(client, me.ManageToken, "https://feeds.example.com/2.xml")).StatusCode);
        var third = await AddAsync(client, me.ManageToken, "https://feeds.example.com/3.xml");
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.NotNull(third.Headers.RetryAfter);
        Assert.Contains("try again tomorrow", await BodyAsync(third), StringComparison.Ordinal);
        // The limit is per subscriber, not global.
        Assert.Equal(HttpStatusCode.SeeOther, (await AddAsync(client, other.ManageToken, "https://feeds.example.com/4.xml")).StatusCode);
        await using var db = app.CreateDbContext();
        Assert.Equal(3, await db.Podcasts.CountAsync(ct));
        Assert.Equal(3, app.Jobs.PendingCount<RefreshPodcastJob>());
    }
}
