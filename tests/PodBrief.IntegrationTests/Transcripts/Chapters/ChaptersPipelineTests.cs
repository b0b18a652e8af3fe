using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using PodBrief.Core.Data;
using PodBrief.Core.Transcripts;
using PodBrief.Testing;
using static PodBrief.IntegrationTests.Feeds.FeedTestSupport;
using static PodBrief.IntegrationTests.Transcripts.TranscriptTestData;

namespace PodBrief.IntegrationTests.Transcripts.Chapters;

/// <summary>
/// podcast:chapters end to end: a feed fixture served from loopback is polled, the transcript stage fetches each
/// episode's chapters file through the safe fetcher, and the rows are stored — hostile and oversized files refused
/// with the reason on the episode, the transcript unharmed, and nothing fetched twice.
/// </summary>
public class ChaptersPipelineTests
{
    private static string Fixture(string name) =>
        File.ReadAllText(Path.Combine(RepositoryPaths.Root, "tests", "PodBrief.IntegrationTests", "Transcripts", "Chapters", "Fixtures", name));

    /// <summary>Nested 64 deep (our limit is 8): a parser without a depth limit walks into it.</summary>
    private static readonly string Hostile = "{\"chapters\":[" + new string('[', 64) + new string(']', 64) + "]}";

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task Chapters_are_read_from_the_feed_fetched_with_the_transcript_and_stored(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        LoopbackHttpServer server = null!;
        server = await LoopbackHttpServer.StartAsync(async c =>
        {
            var path = c.Request.Path.Value!;
            switch (path)
            {
                case "/feed.xml":
                    c.Response.ContentType = "application/rss+xml";
                    await c.Response.WriteAsync(Fixture("chapters-feed.xml").Replace("{base}", server.BaseUri.AbsoluteUri.TrimEnd('/'), StringComparison.Ordinal), ct);
                    break;
                case "/c/1.json" or "/c/2.json":
                    c.Response.ContentType = "application/json+chapters";
                    await c.Response.WriteAsync(Fixture(path == "/c/1.json" ? "chapters-1.json" : "chapters-2.json"), ct);
                    break;
                case "/c/hostile.json":
                    c.Response.ContentType = "application/json";
                    await c.Response.WriteAsync(Hostile, ct);
                    break;
                case "/c/huge.json":
                    // Valid JSON, two megabytes: the size cap stops the download before it is parsed.
                    c.Response.ContentType = "application/json";
                    await c.Response.WriteAsync("{\"chapters\":[" + string.Join(',', Enumerable.Repeat("{\"startTime\":1,\"title\":\"x\"}", 80_000)) + "]}", ct);
                    break;
                default:
                    await WriteAsync(c, 200, "text/vtt", Vtt);
                    break;
            }
        });
        await using var _server = server;
        await using var app = await StartAppAsync(provider);
        var podcastId = await AddPodcastRowAsync(app, server.Url("/feed.xml"));
        await RefreshAsync(app, podcastId);

        var episodes = (await Feeds.FeedTestSupport.LoadAsync(app, podcastId)).Episodes.OrderBy(e => e.Guid).ToList();
        Assert.Equal(["chapters-1", "chapters-2", "chapters-3", "chapters-4"], episodes.Select(e => e.Guid));
        Assert.Equal(server.Url("/c/1.json").AbsoluteUri, episodes[0].ChaptersUrl);
        // The old namespace URI is read the same way.
        Assert.Equal(server.Url("/c/2.json").AbsoluteUri, episodes[1].ChaptersUrl);
        Assert.All(episodes, e => Assert.Equal("application/json+chapters", e.ChaptersType));

        foreach (var episode in episodes)
        {
            await RunJobAsync(app, episode.Id);
        }
        var chapterRequests = server.Requests.Count(r => r.PathAndQuery.StartsWith("/c/", StringComparison.Ordinal));
        foreach (var episode in episodes)
        {
            await RunJobAsync(app, episode.Id);
        }

        Assert.Equal(4, chapterRequests);
        Assert.Equal(chapterRequests, server.Requests.Count(r => r.PathAndQuery.StartsWith("/c/", StringComparison.Ordinal)));
        await using var db = app.CreateDbContext();
        var stored = await db.EpisodeChapters.AsNoTracking().OrderBy(c => c.EpisodeId).ThenBy(c => c.Position).ToListAsync(ct);
        var first = stored.Where(c => c.EpisodeId == episodes[0].Id).ToList();
        Assert.Equal([(0d, "Cold open"), (120.25, "Why distillation undercuts the moat"), (1800d, "Detectors and house styles")],
            first.Select(c => (c.StartSeconds, c.Title)));
        Assert.Equal([0, 1, 2], first.Select(c => c.Position));
        Assert.Equal(("https://example.com/notes/distillation", "https://example.com/art/2.jpg"), (first[1].Url, first[1].ImageUrl));
        Assert.Equal((null, null), (first[2].Url, first[2].ImageUrl));
        Assert.Equal([(10d, "Out of order, first"), (30d, "Chapters from a string time")],
            stored.Where(c => c.EpisodeId == episodes[1].Id).Select(c => (c.StartSeconds, c.Title)));
        Assert.DoesNotContain(stored, c => c.EpisodeId == episodes[2].Id || c.EpisodeId == episodes[3].Id);

        var rows = await db.Episodes.AsNoTracking().Where(e => e.PodcastId == podcastId).OrderBy(e => e.Guid).ToListAsync(ct);
        Assert.All(rows, r => Assert.Equal(TranscriptStatus.Available, r.TranscriptStatus));
        Assert.All(rows, r => Assert.NotNull(r.ChaptersFetchedAt));
        Assert.Null(rows[0].ChaptersLastError);
        Assert.Contains("not valid JSON", rows[2].ChaptersLastError, StringComparison.Ordinal);
        Assert.Contains("TooLarge", rows[3].ChaptersLastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_changed_chapters_url_is_fetched_again()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await LoopbackHttpServer.StartAsync(c => WriteAsync(c, 200, "application/json",
            $$"""{"chapters":[{"startTime":0,"title":"From {{c.Request.Path}}"}]}"""));
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite, Settings());
        var id = await AddEpisodeAsync(app, TimeSpan.FromHours(1), e => e.ChaptersUrl = server.Url("/one.json").AbsoluteUri,
            Link(server, "t.vtt", "text/vtt"));
        await RunJobAsync(app, id);

        await using (var db = app.CreateDbContext())
        {
            var episode = await db.Episodes.Include(e => e.TranscriptLinks).SingleAsync(e => e.Id == id, ct);
            // What EpisodeUpserter does when the feed names another file.
            episode.ChaptersUrl = server.Url("/two.json").AbsoluteUri;
            episode.ChaptersFetchedAt = null;
            await db.SaveChangesAsync(ct);
        }
        await RunJobAsync(app, id);

        await using var check = app.CreateDbContext();
        Assert.Equal(["From /two.json"], await check.EpisodeChapters.Where(c => c.EpisodeId == id).Select(c => c.Title).ToListAsync(ct));
    }
}
