using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using PodBrief.Core.Data;
using PodBrief.IntegrationTests.Hosting;
using PodBrief.Testing;

namespace PodBrief.IntegrationTests.Transcripts;

/// <summary>
/// Issue 10's done-when (defect 9), black box: the first `poll --once` of every corpus feed, served over loopback,
/// fetches transcripts only for episodes inside Insights:MaxEpisodeAgeDays — counted at the loopback server. The
/// feeds' transcript and chapters URLs are rewritten to the same server (/ext/{n}), so no request can go elsewhere
/// unseen. The window is chosen so that it splits the corpus: a fixed date inside its range, counted back from now.
/// </summary>
public partial class CorpusFirstPollWindowTests
{
    /// <summary>Some corpus transcript episodes are newer than this, most are older.</summary>
    private static readonly DateTime WindowStart = new(2025, 11, 15, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task The_first_poll_fetches_transcripts_only_inside_the_extraction_window()
    {
        var folder = Path.Combine(RepositoryPaths.RequireCorpus(), "feeds");
        var feeds = new ConcurrentDictionary<string, byte[]>(StringComparer.Ordinal);
        var rewritten = new ConcurrentDictionary<int, string>();
        await using var server = await LoopbackHttpServer.StartAsync(async c =>
        {
            var path = c.Request.Path.Value!;
            if (path.StartsWith("/ext/", StringComparison.Ordinal))
            {
                // Any small transcript: what is counted is that it was asked for.
                c.Response.ContentType = "text/vtt";
                await c.Response.WriteAsync("WEBVTT\n\n00:00:00.000 --> 00:00:04.000\nA line of the transcript.\n");
                return;
            }
            c.Response.ContentType = path.EndsWith(".json", StringComparison.Ordinal) ? "application/feed+json" : "application/xml";
            await c.Response.Body.WriteAsync(feeds[path.TrimStart('/')]);
        });
        foreach (var file in Directory.GetFiles(folder))
        {
            var name = $"feed-{feeds.Count}{Path.GetExtension(file)}";
            feeds[name] = RewriteExternalLinks(await File.ReadAllBytesAsync(file, TestContext.Current.CancellationToken), server, rewritten);
        }
        var days = (int)Math.Ceiling((DateTime.UtcNow - WindowStart).TotalDays);
        var environment = new Dictionary<string, string>
        {
            ["Feeds__AllowPrivateAddresses"] = "true",
            ["Feeds__LoadStarterCatalog"] = "false",
            ["Feeds__LoadSampleContent"] = "false",
            ["Insights__EmbedTopicsAtStartup"] = "false",
            ["Insights__MaxEpisodeAgeDays"] = days.ToString(CultureInfo.InvariantCulture),
        };
        var dataDir = Directory.CreateTempSubdirectory("podbrief-window-").FullName;
        var (migrated, migrateOutput) = await OperatorCliTests.RunCliAsync(["migrate"], dataDir, environment);
        Assert.True(migrated == 0, migrateOutput);
        await using (var db = SqliteContext(dataDir))
        {
            var now = DateTime.UtcNow;
            db.Podcasts.AddRange(feeds.Keys.Select(name => new Podcast { FeedUrl = server.Url("/" + name).AbsoluteUri, NextCheckAt = now.AddMinutes(-1), CreatedAt = now }));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        // The default four feeds at a time on embedded SQLite: this poll once stalled on "database is locked" while
        // a multi-row INSERT with thousands of named parameters was prepared (binding is quadratic in their number);
        // since rows go to SQLite as one JSON parameter (Common/SqliteJsonRows) it finishes, and this keeps it so.
        var (exit, output) = await OperatorCliTests.RunCliAsync(["poll", "--once"], dataDir, environment);

        Assert.True(exit == 0, output);
        await using var check = SqliteContext(dataDir);
        var since = DateTime.UtcNow.AddDays(-days);
        var links = await check.TranscriptLinks.AsNoTracking()
            .Join(check.Episodes, l => l.EpisodeId, e => e.Id, (l, e) => new { l.Url, l.EpisodeId, e.PublishedAt })
            .ToListAsync(TestContext.Current.CancellationToken);
        var requested = server.Requests.Where(r => r.PathAndQuery.StartsWith("/ext/", StringComparison.Ordinal))
            .Select(r => server.Url(r.PathAndQuery).AbsoluteUri).ToHashSet(StringComparer.Ordinal);
        var inside = links.Where(l => l.PublishedAt >= since.AddMinutes(5)).Select(l => l.EpisodeId).ToHashSet();
        var outside = links.Where(l => l.PublishedAt < since.AddMinutes(-5)).Select(l => l.EpisodeId).ToHashSet();
        var fetched = links.Where(l => requested.Contains(l.Url)).Select(l => l.EpisodeId).ToHashSet();
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"window {days} days: {inside.Count} episodes with transcript links inside, {outside.Count} outside; {requested.Count} transcript requests for {fetched.Count} episodes");

        Assert.All(links, l => Assert.StartsWith(server.BaseUri.AbsoluteUri, l.Url, StringComparison.Ordinal));
        Assert.NotEmpty(inside);
        Assert.True(outside.Count > inside.Count, "the window should leave most of the back catalogue out");
        Assert.Empty(fetched.Intersect(outside));
        Assert.Equal(inside.Order(), fetched.Intersect(inside).Order());
    }

    /// <summary>Points every transcript and chapters URL at the loopback server (/ext/{n}); the rest of the bytes as served.
    /// Latin-1 maps bytes one to one, so whatever the feed's encoding, only the ASCII URLs change.</summary>
    private static byte[] RewriteExternalLinks(byte[] feed, LoopbackHttpServer server, ConcurrentDictionary<int, string> rewritten)
    {
        var text = Encoding.Latin1.GetString(feed);
        text = LinkAttribute().Replace(text, m =>
        {
            var n = rewritten.Count;
            rewritten[n] = m.Groups["url"].Value;
            return m.Groups["head"].Value + server.Url($"/ext/{n}").AbsoluteUri + "\"";
        });
        return Encoding.Latin1.GetBytes(text);
    }

    private static PodBriefDbContext SqliteContext(string dataDir) => new(OperatorCliTests.DataDirectoryOptions(dataDir));

    [GeneratedRegex(@"(?<head><[A-Za-z0-9]+:(?:transcript|chapters)\b[^>]*?\burl="")(?<url>[^""]+)""", RegexOptions.CultureInvariant)]
    private static partial Regex LinkAttribute();
}
