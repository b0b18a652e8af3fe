using System.Diagnostics;
using System.Xml;
using CodeHollow.FeedReader;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using PodBrief.Core.Common;
using PodBrief.Core.Common.Text;
using PodBrief.Core.Data;
using PodBrief.Core.Feeds.Ingestion;
using PodBrief.Core.Feeds.Parsing;
using PodBrief.Testing;

namespace PodBrief.Benchmarks.Feeds;

/// <summary>
/// `feeds-ingest [iterations]`: the largest corpus feed measured as ratios within one run — bare XmlReader pass,
/// FeedReader's parse, our parse, the content-hash check, and end to end (loopback fetch + parse + upsert on
/// PostgreSQL, SQLite when PostgreSQL is unavailable).
/// </summary>
internal static class FeedsIngestBench
{
    public static async Task RunAsync(string[] args)
    {
        var iterations = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 10;
        var folder = Path.Combine(RepositoryPaths.Corpus ?? throw new InvalidOperationException("Corpus not found (PODBRIEF_CORPUS)."), "feeds");
        var file = new DirectoryInfo(folder).GetFiles().OrderByDescending(f => f.Length).First();
        var bytes = await File.ReadAllBytesAsync(file.FullName);
        var text = ByteDecoder.Decode(bytes, null);
        Console.WriteLine($"Feed: {file.Name} ({bytes.Length / 1024} KiB), {iterations} iterations each, best of runs.");

        var xmlReader = Measure("XmlReader pass", iterations, () =>
        {
            using var reader = XmlReader.Create(new MemoryStream(bytes), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
            while (reader.Read())
            {
            }
        });
        var feedReader = Measure("FeedReader.ReadFromString", iterations, () => FeedReader.ReadFromString(FeedXml.StripBeforeRoot(text)));
        var ours = Measure("FeedParser.Parse (ours)", iterations, () => FeedParser.Parse(bytes));
        var hash = Measure("SHA-256 content hash", iterations, () => Hashing.Sha256Hex(bytes));

        var provider = await PostgresAvailableAsync() ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;
        await using var server = await LoopbackHttpServer.StartAsync(c => c.Response.Body.WriteAsync(bytes).AsTask());
        await using var app = await TestApp.StartAsync(provider, new Dictionary<string, string?> { ["Feeds:AllowPrivateAddresses"] = "true" });
        var endToEndFirst = await MeasureAsync($"End to end, first ingest ({provider})", 1, async () => await RefreshNewPodcastAsync(app, server));
        var endToEnd = await MeasureAsync($"End to end, re-parse + upsert, 0 new ({provider})", iterations, async () => await RefreshNewPodcastAsync(app, server, existing: true));
        var unchanged = await MeasureAsync($"End to end, unchanged bytes ({provider})", iterations, async () => await RefreshNewPodcastAsync(app, server, existing: true, keepHash: true));

        Console.WriteLine();
        Console.WriteLine("Ratios (time; allocations) against the bare XmlReader pass and FeedReader's parse:");
        foreach (var m in new[] { feedReader, ours, hash, endToEndFirst, endToEnd, unchanged })
        {
            Console.WriteLine($"  {m.Name,-52} {m.Ms / xmlReader.Ms,7:0.0}× XmlReader  {m.Ms / feedReader.Ms,6:0.00}× FeedReader   alloc {m.Bytes / (double)Math.Max(1, feedReader.Bytes),6:0.00}× FeedReader");
        }
    }

    private static long? _podcastId;

    private static async Task RefreshNewPodcastAsync(TestApp app, LoopbackHttpServer server, bool existing = false, bool keepHash = false)
    {
        if (!existing || _podcastId is null)
        {
            _podcastId = await app.WithScopeAsync(async sp =>
            {
                var db = sp.GetRequiredService<PodBriefDbContext>();
                var p = new Podcast { FeedUrl = server.Url($"/feed/{Guid.NewGuid():N}").AbsoluteUri };
                db.Podcasts.Add(p);
                await db.SaveChangesAsync();
                return p.Id;
            });
        }
        else if (!keepHash)
        {
            await app.WithScopeAsync(async sp =>
            {
                var db = sp.GetRequiredService<PodBriefDbContext>();
                var p = await db.Podcasts.FindAsync(_podcastId);
                p!.ContentHash = null;
                await db.SaveChangesAsync();
            });
        }
        await app.WithScopeAsync(sp => sp.GetRequiredService<RefreshPodcastJob>().RefreshAsync(_podcastId!.Value, true, CancellationToken.None));
    }

    private static async Task<bool> PostgresAvailableAsync()
    {
        try
        {
            await PostgresServer.RequireAsync();
            return true;
        }
        catch (Exception)
        {
            return false;
        }
    }

    internal sealed record Measurement(string Name, double Ms, long Bytes);

    private static Measurement Measure(string name, int iterations, Action action) =>
        MeasureAsync(name, iterations, () => { action(); return Task.CompletedTask; }).GetAwaiter().GetResult();

    private static async Task<Measurement> MeasureAsync(string name, int iterations, Func<Task> action)
    {
        await action(); // warm-up
        var best = double.MaxValue;
        long bytes = long.MaxValue;
        for (var i = 0; i < iterations; i++)
        {
            var before = GC.GetTotalAllocatedBytes(precise: true);
            var watch = Stopwatch.StartNew();
            await action();
            watch.Stop();
            best = Math.Min(best, watch.Elapsed.TotalMilliseconds);
            bytes = Math.Min(bytes, GC.GetTotalAllocatedBytes(precise: true) - before);
        }
        Console.WriteLine($"{name,-52} {best,9:0.00} ms  {bytes / 1024.0 / 1024.0,8:0.0} MiB allocated");
        return new Measurement(name, best, bytes);
    }
}
