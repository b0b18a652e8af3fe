using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using CodeHollow.FeedReader;
using PodBrief.Core.Data;
using PodBrief.Core.Digests;
using PodBrief.Core.Subscribers;
using PodBrief.Testing;
using static PodBrief.IntegrationTests.Web.WebTestKit;

namespace PodBrief.IntegrationTests.Web;

/// <summary>The private RSS / JSON Feed and the Markdown export of liked cards (issue 14 item 4).</summary>
public partial class PrivateFeedTests
{
    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task The_private_feed_validates_needs_its_secret_and_stops_when_revoked(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, _) = await StartAsync(provider);
        await using var _app = app;
        var me = await SeedSubscriberAsync(app, "reader@example.com");
        var (headlines, _) = await SeedSentDigestAsync(app, me.Id);
        using var client = Client(app);

        var page = await BodyAsync(await SubmitAsync(client, $"/preferences/{me.ManageToken}", [], $"/preferences/{me.ManageToken}?handler=Feed"));
        var rssUrl = new Uri(FeedUrl().Match(page) is { Success: true } m1 ? WebUtility.HtmlDecode(m1.Groups["rss"].Value) : throw new InvalidOperationException("No RSS address on the page"));
        var jsonUrl = new Uri(JsonUrl().Match(page) is { Success: true } m2 ? WebUtility.HtmlDecode(m2.Groups["json"].Value) : throw new InvalidOperationException("No JSON Feed address on the page"));

        var rss = await client.GetAsync(rssUrl.PathAndQuery, ct);
        Assert.Equal(HttpStatusCode.OK, rss.StatusCode);
        Assert.Equal("application/rss+xml", rss.Content.Headers.ContentType?.MediaType);
        var rssText = await rss.Content.ReadAsStringAsync(ct);
        AssertValidRss20(rssText, rssUrl, headlines);

        var json = await client.GetAsync(jsonUrl.PathAndQuery, ct);
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        Assert.Equal("application/feed+json", json.Content.Headers.ContentType?.MediaType);
        AssertValidJsonFeed11(await json.Content.ReadAsStringAsync(ct), jsonUrl, headlines);

        // Needs the secret: a wrong token, or another kind of the subscriber's tokens, opens nothing.
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/feed/not-the-secret/rss.xml", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/feed/{me.ManageToken}/feed.json", ct)).StatusCode);

        // Revoked: both addresses stop working at once.
        var revoked = await SubmitAsync(client, $"/preferences/{me.ManageToken}", [], $"/preferences/{me.ManageToken}?handler=RevokeFeed");
        Assert.Equal(HttpStatusCode.SeeOther, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(rssUrl.PathAndQuery, ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(jsonUrl.PathAndQuery, ct)).StatusCode);
    }

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task A_new_feed_address_replaces_the_old_one(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, _) = await StartAsync(provider);
        await using var _app = app;
        var me = await SeedSubscriberAsync(app, "reader@example.com");
        using var client = Client(app);
        async Task<string> MakeAsync() => new Uri(WebUtility.HtmlDecode(FeedUrl().Match(await BodyAsync(
            await SubmitAsync(client, $"/preferences/{me.ManageToken}", [], $"/preferences/{me.ManageToken}?handler=Feed"))).Groups["rss"].Value)).PathAndQuery;
        var first = await MakeAsync();
        var second = await MakeAsync();
        Assert.NotEqual(first, second);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(first, ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(second, ct)).StatusCode);
    }

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task Liked_cards_download_as_markdown(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, _) = await StartAsync(provider);
        await using var _app = app;
        var me = await SeedSubscriberAsync(app, "reader@example.com");
        var (headlines, cardIds) = await SeedSentDigestAsync(app, me.Id);
        await using (var db = app.CreateDbContext())
        {
            var now = app.Clock.GetUtcNow().UtcDateTime;
            db.Feedback.Add(new Feedback { SubscriberId = me.Id, InsightCardId = cardIds[0], Kind = FeedbackKind.Up, CreatedAt = now });
            db.Feedback.Add(new Feedback { SubscriberId = me.Id, InsightCardId = cardIds[1], Kind = FeedbackKind.Up, CreatedAt = now, UndoneAt = now });
            await db.SaveChangesAsync(ct);
        }
        using var client = Client(app);
        var response = await SubmitAsync(client, $"/preferences/{me.ManageToken}", [], $"/preferences/{me.ManageToken}?handler=ExportLiked");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/markdown", response.Content.Headers.ContentType?.MediaType);
        var markdown = await response.Content.ReadAsStringAsync(ct);
        Assert.Contains("## Sleep debt \\[is\\] real", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain(headlines[1], markdown, StringComparison.Ordinal); // undone: not liked any more
        Assert.Contains("1 card", markdown, StringComparison.Ordinal);
    }

    /// <summary>RSS 2.0 (rssboard.org/rss-specification): the required channel and item elements, RFC 822 dates, and a second opinion from FeedReader.</summary>
    private static void AssertValidRss20(string xml, Uri feedUrl, IReadOnlyList<string> headlines)
    {
        var doc = XDocument.Parse(xml);
        var rss = doc.Root!;
        Assert.Equal("rss", rss.Name.LocalName);
        Assert.Equal("2.0", (string?)rss.Attribute("version"));
        var channel = Assert.Single(rss.Elements("channel"));
        foreach (var required in new[] { "title", "link", "description" })
        {
            Assert.False(string.IsNullOrWhiteSpace((string?)channel.Element(required)), $"channel/{required} is required");
        }
        Assert.True(Uri.IsWellFormedUriString((string)channel.Element("link")!, UriKind.Absolute));
        XNamespace atom = "http://www.w3.org/2005/Atom";
        Assert.Equal(feedUrl.AbsoluteUri, (string?)channel.Element(atom + "link")?.Attribute("href"));
        var items = channel.Elements("item").ToList();
        Assert.Equal(headlines, items.Select(i => (string)i.Element("title")!));
        foreach (var item in items)
        {
            Assert.True(item.Element("title") is not null || item.Element("description") is not null, "an item needs a title or a description");
            Assert.True(Uri.IsWellFormedUriString((string)item.Element("link")!, UriKind.Absolute));
            Assert.Equal("false", (string?)item.Element("guid")!.Attribute("isPermaLink"));
            Assert.True(DateTimeOffset.TryParseExact((string)item.Element("pubDate")!, "r", CultureInfo.InvariantCulture, DateTimeStyles.None, out _));
            Assert.DoesNotContain("<script", (string)item.Element("description")!, StringComparison.OrdinalIgnoreCase);
        }
        Assert.Equal(items.Count, items.Select(i => (string)i.Element("guid")!).Distinct().Count());
        var parsed = FeedReader.ReadFromString(xml);
        Assert.Equal(FeedType.Rss_2_0, parsed.Type);
        Assert.Equal(headlines.Count, parsed.Items.Count);
    }

    /// <summary>JSON Feed 1.1 (jsonfeed.org/version/1.1): version URL, title, items with unique string ids, content, RFC 3339 dates.</summary>
    private static void AssertValidJsonFeed11(string text, Uri feedUrl, IReadOnlyList<string> headlines)
    {
        using var doc = JsonDocument.Parse(text);
        var root = doc.RootElement;
        Assert.Equal("https://jsonfeed.org/version/1.1", root.GetProperty("version").GetString());
        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("title").GetString()));
        Assert.Equal(feedUrl.AbsoluteUri, root.GetProperty("feed_url").GetString());
        Assert.True(Uri.IsWellFormedUriString(root.GetProperty("home_page_url").GetString(), UriKind.Absolute));
        var items = root.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(headlines, items.Select(i => i.GetProperty("title").GetString()));
        var ids = new HashSet<string>();
        foreach (var item in items)
        {
            Assert.Equal(JsonValueKind.String, item.GetProperty("id").ValueKind);
            Assert.True(ids.Add(item.GetProperty("id").GetString()!), "item ids are unique");
            Assert.True(item.TryGetProperty("content_html", out _) || item.TryGetProperty("content_text", out _), "an item needs content_html or content_text");
            Assert.True(Uri.IsWellFormedUriString(item.GetProperty("url").GetString(), UriKind.Absolute));
            Assert.True(DateTimeOffset.TryParseExact(item.GetProperty("date_published").GetString(), "yyyy-MM-dd'T'HH:mm:ssK",
                CultureInfo.InvariantCulture, DateTimeStyles.None, out _), "date_published is RFC 3339");
        }
    }

    private static async Task<(List<string> Headlines, List<long> CardIds)> SeedSentDigestAsync(TestApp app, long subscriberId)
    {
        var cardIds = await SeedCardsAsync(app, "Feed Show", [("Sleep debt [is] real", null), ("<b>Bold</b> claim", null)]);
        await using var db = app.CreateDbContext();
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var digest = new Digest { SubscriberId = subscriberId, LocalDate = new DateOnly(2026, 3, 1), MessageId = "<f@x>", State = DigestState.Sent, CreatedAt = now, ScheduledFor = now, SentAt = now };
        digest.Items.Add(new DigestItem { InsightCardId = cardIds[0], Position = 1, WhyLine = "You follow Feed Show" });
        digest.Items.Add(new DigestItem { InsightCardId = cardIds[1], Position = 2, WhyLine = "" });
        var pending = new Digest { SubscriberId = subscriberId, LocalDate = new DateOnly(2026, 3, 2), MessageId = "<g@x>", State = DigestState.Pending, CreatedAt = now, ScheduledFor = now };
        pending.Items.Add(new DigestItem { InsightCardId = cardIds[1], Position = 1, WhyLine = "not sent yet" });
        db.Digests.AddRange(digest, pending);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return (["Sleep debt [is] real", "<b>Bold</b> claim"], cardIds);
    }

    [GeneratedRegex("id=\"feed-rss\"[^>]*value=\"(?<rss>[^\"]+)\"")]
    private static partial Regex FeedUrl();

    [GeneratedRegex("id=\"feed-json\"[^>]*value=\"(?<json>[^\"]+)\"")]
    private static partial Regex JsonUrl();
}
