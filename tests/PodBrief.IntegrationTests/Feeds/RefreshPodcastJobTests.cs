using System.Text;
using Microsoft.AspNetCore.Http;
using PodBrief.Core.Data;
using PodBrief.Core.Transcripts;
using PodBrief.Testing;
using static PodBrief.IntegrationTests.Feeds.FeedTestSupport;

namespace PodBrief.IntegrationTests.Feeds;

public class RefreshPodcastJobTests
{
    private static readonly string TwoEpisodes = Rss(
        Item("ep-1", "https://cdn.example.com/1.mp3", "One", """<podcast:transcript url="https://example.com/1.srt" type="application/srt"/><podcast:transcript url="https://example.com/1/transcript" type="text/vtt" rel="captions" language="en"/>""")
        + Item("ep-2", "https://cdn.example.com/2.mp3", "Two"),
        "<ttl>120</ttl><language>en</language>");

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task Two_polls_of_one_feed_at_once_both_succeed_and_store_each_episode_once(DatabaseProvider provider)
    {
        var arrived = 0;
        var bothArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await LoopbackHttpServer.StartAsync(async c =>
        {
            // Hold the first answer until the second poll asked too, so both parse and insert the same new episodes.
            if (Interlocked.Increment(ref arrived) == 2)
            {
                bothArrived.TrySetResult();
            }
            await bothArrived.Task.WaitAsync(TimeSpan.FromSeconds(20));
            c.Response.ContentType = "application/rss+xml";
            await c.Response.WriteAsync(TwoEpisodes);
        });
        await using var app = await StartAppAsync(provider);
        var id = await AddPodcastRowAsync(app, server.Url("/feed.xml"));

        var outcomes = await Task.WhenAll(RefreshAsync(app, id), RefreshAsync(app, id));

        Assert.All(outcomes, o => Assert.Null(o.Error));
        Assert.Equal(2, outcomes.Sum(o => o.NewEpisodes));
        Assert.Equal(2, (await LoadAsync(app, id)).Episodes.Count);
    }

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task A_feed_is_ingested_then_unchanged_bytes_and_304_create_nothing(DatabaseProvider provider)
    {
        var etagAware = false;
        await using var server = await LoopbackHttpServer.StartAsync(async c =>
        {
            if (etagAware && c.Request.Headers.IfNoneMatch == "\"v1\"")
            {
                c.Response.StatusCode = 304;
                return;
            }
            if (etagAware)
            {
                c.Response.Headers.ETag = "\"v1\"";
            }
            c.Response.ContentType = "application/rss+xml";
            await c.Response.WriteAsync(TwoEpisodes);
        });
        await using var app = await StartAppAsync(provider);
        var id = await AddPodcastRowAsync(app, server.Url("/feed.xml"));

        var first = await RefreshAsync(app, id);
        var podcast = await LoadAsync(app, id);
        Assert.Equal((2, true, null), (first.NewEpisodes, first.Parsed, first.Error));
        Assert.Equal("Fixture Show", podcast.Title);
        Assert.Equal(2, podcast.Episodes.Count);
        Assert.All(podcast.Episodes, e => Assert.Equal(TranscriptStatus.Pending, e.TranscriptStatus));
        var one = podcast.Episodes.Single(e => e.Guid == "ep-1");
        Assert.Equal([TranscriptFormat.Srt, TranscriptFormat.WebVtt], one.TranscriptLinks.OrderBy(l => l.Url).Select(TranscriptLinkSelector.FormatOf));
        Assert.Equal("application/srt", one.TranscriptLinks.Single(l => TranscriptLinkSelector.FormatOf(l) == TranscriptFormat.Srt).MediaType);
        Assert.Equal(("captions", "en"), one.TranscriptLinks.Where(l => l.Rel is not null).Select(l => (l.Rel!, l.Language!)).Single());
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime.AddHours(2), podcast.NextCheckAt); // ttl 120 min
        Assert.Equal(200, podcast.LastHttpStatus);

        var sameBytes = await RefreshAsync(app, id);
        Assert.Equal((0, false), (sameBytes.NewEpisodes, sameBytes.Parsed));

        etagAware = true;
        await using (var db = app.CreateDbContext())
        {
            var row = await db.Podcasts.FindAsync([id], TestContext.Current.CancellationToken);
            row!.ContentHash = null; // force one parse so the ETag gets stored
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }
        var reparsed = await RefreshAsync(app, id);
        Assert.Equal((0, true), (reparsed.NewEpisodes, reparsed.Parsed));
        var notModified = await RefreshAsync(app, id);
        Assert.Equal((0, false), (notModified.NewEpisodes, notModified.Parsed));
        Assert.Equal("\"v1\"", server.Requests[^1].Headers["If-None-Match"]);
        podcast = await LoadAsync(app, id);
        Assert.Equal((2, 304, 0), (podcast.Episodes.Count, podcast.LastHttpStatus!.Value, podcast.ConsecutiveErrors));
    }

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task A_changed_guid_with_the_same_enclosure_is_the_same_episode(DatabaseProvider provider)
    {
        var guid = "old-host-1";
        await using var server = await LoopbackHttpServer.StartAsync(c => c.Response.WriteAsync(Rss(Item(guid, "https://cdn.example.com/a.mp3"))));
        await using var app = await StartAppAsync(provider);
        var id = await AddPodcastRowAsync(app, server.Url("/feed"));
        await RefreshAsync(app, id);
        guid = "new-host-1";
        var second = await RefreshAsync(app, id);
        var episode = Assert.Single((await LoadAsync(app, id)).Episodes);
        Assert.Equal(0, second.NewEpisodes);
        Assert.Equal("new-host-1", episode.Guid);
    }

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task Gone_disables_the_podcast(DatabaseProvider provider)
    {
        await using var server = await LoopbackHttpServer.StartAsync(c => { c.Response.StatusCode = 410; return Task.CompletedTask; });
        await using var app = await StartAppAsync(provider);
        var id = await AddPodcastRowAsync(app, server.Url("/feed"));
        await RefreshAsync(app, id);
        var podcast = await LoadAsync(app, id);
        Assert.Equal(PodcastStatus.Disabled, podcast.Status);
        Assert.Contains("410", podcast.LastError, StringComparison.Ordinal);
        Assert.Equal(410, podcast.LastHttpStatus);
    }

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task A_301_moves_the_stored_url_and_a_302_does_not(DatabaseProvider provider)
    {
        await using var server = await LoopbackHttpServer.StartAsync(async c =>
        {
            switch (c.Request.Path.Value)
            {
                case "/old":
                    c.Response.StatusCode = 301;
                    c.Response.Headers.Location = "/new";
                    return;
                case "/temp":
                    c.Response.StatusCode = 302;
                    c.Response.Headers.Location = "/new";
                    return;
                default:
                    await c.Response.WriteAsync(Rss(Item("1", "https://cdn.example.com/1.mp3")));
                    return;
            }
        });
        await using var app = await StartAppAsync(provider);
        var moved = await AddPodcastRowAsync(app, server.Url("/old"));
        var temporary = await AddPodcastRowAsync(app, server.Url("/temp"));
        await RefreshAsync(app, moved);
        await RefreshAsync(app, temporary);
        Assert.Equal(server.Url("/new").AbsoluteUri, (await LoadAsync(app, moved)).FeedUrl);
        Assert.Equal(server.Url("/temp").AbsoluteUri, (await LoadAsync(app, temporary)).FeedUrl);
    }

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task Failures_back_off_honour_retry_after_and_pause_after_the_limit(DatabaseProvider provider)
    {
        var retryAt = new DateTimeOffset(2026, 3, 3, 9, 0, 0, TimeSpan.Zero);
        await using var server = await LoopbackHttpServer.StartAsync(c =>
        {
            c.Response.StatusCode = 503;
            if (c.Request.Path == "/retry-after")
            {
                c.Response.Headers.RetryAfter = retryAt.ToString("R");
            }
            return Task.CompletedTask;
        });
        await using var app = await StartAppAsync(provider, new Dictionary<string, string?> { ["Feeds:MaxConsecutiveErrors"] = "3" });
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var honoured = await AddPodcastRowAsync(app, server.Url("/retry-after"));
        await RefreshAsync(app, honoured);
        var p = await LoadAsync(app, honoured);
        Assert.Equal((1, 503, retryAt.UtcDateTime), (p.ConsecutiveErrors, p.LastHttpStatus!.Value, p.NextCheckAt));
        Assert.Contains("503", p.LastError, StringComparison.Ordinal);

        var plain = await AddPodcastRowAsync(app, server.Url("/plain"));
        var delays = new List<TimeSpan>();
        for (var i = 0; i < 3; i++)
        {
            await RefreshAsync(app, plain);
            delays.Add((await LoadAsync(app, plain)).NextCheckAt - now);
        }
        Assert.Equal([TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(60), TimeSpan.FromMinutes(120)], delays);
        p = await LoadAsync(app, plain);
        Assert.Equal(PodcastStatus.Paused, p.Status);
        Assert.StartsWith("Paused after 3 consecutive failures", p.LastError, StringComparison.Ordinal);
        Assert.Equal(0, (await RefreshAsync(app, plain)).NewEpisodes);
        Assert.Equal(3, server.Requests.Count(r => r.PathAndQuery == "/plain")); // paused: not fetched again
    }

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task A_blocked_feed_is_recorded_and_never_ingested(DatabaseProvider provider)
    {
        await using var server = await LoopbackHttpServer.StartAsync(c =>
            c.Response.WriteAsync(Rss(Item("1", "https://cdn.example.com/1.mp3"), "<podcast:block>yes</podcast:block>")));
        await using var app = await StartAppAsync(provider);
        var id = await AddPodcastRowAsync(app, server.Url("/feed"));
        await RefreshAsync(app, id);
        var podcast = await LoadAsync(app, id);
        Assert.Equal(PodcastStatus.Blocked, podcast.Status);
        Assert.Empty(podcast.Episodes);
        Assert.Contains("podcast:block", podcast.LastError, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task Hostile_feeds_record_a_clear_error_and_make_no_outbound_request(DatabaseProvider provider)
    {
        LoopbackHttpServer? self = null;
        await using var server = await LoopbackHttpServer.StartAsync(async c =>
        {
            var body = c.Request.Path.Value switch
            {
                "/xxe" => $"""<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY leak SYSTEM "{self!.Url("/leak")}">]><rss><channel><title>&leak;</title></channel></rss>""",
                "/laughs" => """<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><rss><channel><title>&lol3;</title></channel></rss>""",
                "/leak" => "secret",
                _ => "<rss><channel><title>cut off",
            };
            await c.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(body));
        });
        self = server;
        await using var app = await StartAppAsync(provider);
        foreach (var (path, expected) in new[] { ("/xxe", "DTD"), ("/laughs", "DTD"), ("/truncated", "not well-formed XML") })
        {
            var id = await AddPodcastRowAsync(app, server.Url(path));
            var outcome = await RefreshAsync(app, id);
            var podcast = await LoadAsync(app, id);
            Assert.Contains(expected, podcast.LastError, StringComparison.Ordinal);
            Assert.Equal((PodcastStatus.Active, 1), (podcast.Status, podcast.ConsecutiveErrors));
            Assert.Empty(podcast.Episodes);
            Assert.NotNull(outcome.Error);
        }
        Assert.DoesNotContain(server.Requests, r => r.PathAndQuery == "/leak");
    }

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task Transport_failures_are_recorded_on_the_podcast(DatabaseProvider provider)
    {
        await using var server = await LoopbackHttpServer.StartAsync(async c =>
        {
            await c.Response.StartAsync(c.RequestAborted);
            for (var i = 0; i < 30 && !c.RequestAborted.IsCancellationRequested; i++)
            {
                await c.Response.Body.WriteAsync("<"u8.ToArray(), c.RequestAborted);
                await c.Response.Body.FlushAsync(c.RequestAborted);
                await Task.Delay(1000, c.RequestAborted);
            }
        });
        await using var app = await StartAppAsync(provider, new Dictionary<string, string?> { ["Feeds:TimeoutSeconds"] = "2" });
        var id = await AddPodcastRowAsync(app, server.Url("/drip"));
        await RefreshAsync(app, id);
        var podcast = await LoadAsync(app, id);
        Assert.StartsWith("Timeout", podcast.LastError, StringComparison.Ordinal);
        Assert.Null(podcast.LastHttpStatus);
    }
}
