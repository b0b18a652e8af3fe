using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using PodBrief.Core.Data;
using PodBrief.Core.Feeds.Ingestion;
using PodBrief.Testing;

namespace PodBrief.Benchmarks.Feeds;

/// <summary>
/// `feeds-scale [feeds] [parallel]`: polls N feeds (default 2,000) on one loopback server where 90% answer 304
/// (they carry an ETag) and 10% serve a 20-item feed; reports wall time, feeds/s and peak memory.
/// </summary>
internal static class FeedsScaleHarness
{
    public static async Task RunAsync(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 2000;
        var parallel = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 8;
        var items = string.Concat(Enumerable.Range(1, 20).Select(i =>
            $"<item><title>Episode {i}</title><guid>ep-{i}</guid><pubDate>Mon, 02 Mar 2026 08:00:00 GMT</pubDate><enclosure url=\"https://cdn.example.com/{i}.mp3\" type=\"audio/mpeg\" length=\"1\"/><description>&lt;p&gt;Notes {i}&lt;/p&gt;</description></item>"));
        var feed = System.Text.Encoding.UTF8.GetBytes($"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Scale</title>{items}</channel></rss>");
        await using var server = await LoopbackHttpServer.StartAsync(async c =>
        {
            if (c.Request.Headers.IfNoneMatch == "\"v1\"")
            {
                c.Response.StatusCode = 304;
                return;
            }
            c.Response.Headers.ETag = "\"v1\"";
            await c.Response.Body.WriteAsync(feed);
        });
        var provider = DatabaseProvider.Sqlite;
        try
        {
            await PostgresServer.RequireAsync();
            provider = DatabaseProvider.Postgres;
        }
        catch (Exception)
        {
            // SQLite then.
        }
        await using var app = await TestApp.StartAsync(provider, new Dictionary<string, string?> { ["Feeds:AllowPrivateAddresses"] = "true" });
        await using (var db = app.CreateDbContext())
        {
            for (var i = 0; i < count; i++)
            {
                db.Podcasts.Add(new Podcast { FeedUrl = server.Url($"/feeds/{i}.xml").AbsoluteUri, ETag = i % 10 == 0 ? null : "\"v1\"", NextCheckAt = DateTime.UnixEpoch });
            }
            await db.SaveChangesAsync();
        }
        var runner = app.Services.GetRequiredService<FeedPollRunner>();
        GC.Collect();
        var startMemory = Process.GetCurrentProcess().WorkingSet64;
        var watch = Stopwatch.StartNew();
        var ids = await runner.DuePodcastIdsAsync(force: false, CancellationToken.None);
        var (added, failed) = await runner.RefreshAllAsync(ids, false, parallel, null, CancellationToken.None);
        watch.Stop();
        var process = Process.GetCurrentProcess();
        process.Refresh();
        Console.WriteLine($"Scale ({provider}, parallel {parallel}): {ids.Count} feeds polled in {watch.Elapsed.TotalSeconds:0.00} s ({ids.Count / watch.Elapsed.TotalSeconds:0} feeds/s); " +
            $"{added} new episodes, {failed} failed; {server.Requests.Count} requests; working set before {startMemory / 1048576} MiB, peak {process.PeakWorkingSet64 / 1048576} MiB; " +
            $"managed heap after {GC.GetTotalMemory(false) / 1048576} MiB.");
    }
}
