using System.Diagnostics;
using System.Globalization;
using System.Xml;
using CodeHollow.FeedReader;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using PodBrief.Core.Common;
using PodBrief.Core.Common.Http;
using PodBrief.Core.Common.Text;
using PodBrief.Core.Data;
using PodBrief.Core.Feeds.Ingestion;
using PodBrief.Core.Feeds.Parsing;
using PodBrief.Testing;

namespace PodBrief.Benchmarks.Feeds;

/// <summary>
/// `feeds-ingest [iterations] [sqlite|postgres]` (issue 13 item 3): the corpus feed with the most items, measured as ratios to
/// CodeHollow.FeedReader's bare parse (<c>FeedReader.ReadFromString</c> of the decoded text) within one run:
/// our parse from bytes (decode, limits, safe load, FeedReader's readers, our extensions); the first ingest end to
/// end (loopback fetch, hash, parse, multi-row insert, on a podcast that has no episodes yet); and a poll of
/// unchanged bytes (fetch, hash, nothing parsed). Runs on SQLite and, when a PostgreSQL server can be started, on
/// PostgreSQL; the last line carries the worse provider's figures, since the goals hold for both:
/// <c>feeds-ingest: parse &lt;x&gt;× FeedReader, first ingest &lt;y&gt;×, unchanged &lt;z&gt;×</c>.
/// </summary>
internal static class FeedsIngestBench
{
    public static async Task RunAsync(string[] args)
    {
        var iterations = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10;
        var folder = Path.Combine(RepositoryPaths.Corpus ?? throw new InvalidOperationException("Corpus not found (PODBRIEF_CORPUS)."), "feeds");
        var (file, bytes, items) = LargestByItems(folder);
        var text = FeedXml.StripBeforeRoot(ByteDecoder.Decode(bytes, null));
        Console.WriteLine($"Feed: {file} ({bytes.Length / 1024} KiB, {items} items), best of {iterations} runs each.");

        var xmlReader = Measure("XmlReader pass (context)", iterations, () =>
        {
            using var reader = XmlReader.Create(new MemoryStream(bytes), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
            while (reader.Read())
            {
            }
        });
        var feedReader = Measure("FeedReader.ReadFromString (bare parse)", iterations, () => FeedReader.ReadFromString(text));
        var ours = Measure("FeedParser.Parse from bytes (ours)", iterations, () => FeedParser.Parse(bytes));
        Measure("Content fingerprint, XxHash128 (context)", iterations, () => Hashing.ContentFingerprint(bytes));

        await using var server = await LoopbackHttpServer.StartAsync(c => c.Response.Body.WriteAsync(bytes).AsTask());
        var results = new List<(DatabaseProvider Provider, double First, double Unchanged)>();
        foreach (var provider in await ProvidersAsync(args.Length > 1 ? args[1] : null))
        {
            await using var app = await TestApp.StartAsync(provider, new Dictionary<string, string?> { ["Feeds:AllowPrivateAddresses"] = "true" });
            long podcastId = 0;
            var first = await MeasureAsync($"First ingest, end to end ({provider})", iterations,
                async () => podcastId = await AddPodcastAsync(app, server),
                async () => await RefreshAsync(app, podcastId, items));
            var parsed = FeedParser.Parse(bytes);
            List<Episode> fresh = [];
            await MeasureAsync($"  of which multi-row INSERT ({provider}, context)", iterations,
                async () => fresh = await UpsertOnlyAsync(app, server, parsed),
                () => app.WithScopeAsync(sp => EpisodeUpserter.InsertNewAsync(sp.GetRequiredService<PodBriefDbContext>(), fresh, CancellationToken.None)));
            await MeasureAsync($"Re-parse + upsert, 0 new ({provider}, context)", iterations,
                () => ForgetHashAsync(app, podcastId), () => RefreshAsync(app, podcastId, expectedNew: 0));
            await MeasureAsync($"  of which the loopback fetch ({provider}, context)", iterations, () => Task.CompletedTask,
                () => app.WithScopeAsync(sp => sp.GetRequiredService<ISafeHttpFetcher>().FetchAsync(new FetchRequest(server.Url("/feed/fetch")), CancellationToken.None)));
            var unchanged = await MeasureAsync($"Unchanged bytes, end to end ({provider})", iterations,
                () => Task.CompletedTask, () => RefreshAsync(app, podcastId, expectedNew: 0, expectParsed: false));
            results.Add((provider, first.Ms / feedReader.Ms, unchanged.Ms / feedReader.Ms));
        }

        Console.WriteLine();
        Console.WriteLine($"XmlReader pass {xmlReader.Ms / feedReader.Ms:0.00}× FeedReader; allocations: ours {ours.Bytes / (double)Math.Max(1, feedReader.Bytes):0.00}× FeedReader's.");
        foreach (var (provider, first, unchanged) in results)
        {
            Console.WriteLine($"feeds-ingest ({provider}): parse {ours.Ms / feedReader.Ms:0.00}× FeedReader, first ingest {first:0.00}×, unchanged {unchanged:0.000}×");
        }
        Console.WriteLine($"feeds-ingest: parse {ours.Ms / feedReader.Ms:0.00}× FeedReader, first ingest {results.Max(r => r.First):0.00}×, unchanged {results.Max(r => r.Unchanged):0.000}×");
    }

    private static (string File, byte[] Bytes, int Items) LargestByItems(string folder)
    {
        var best = ("", Array.Empty<byte>(), -1);
        foreach (var file in new DirectoryInfo(folder).GetFiles().Where(f => f.Extension is ".xml" or ".rss" or ".atom"))
        {
            var bytes = File.ReadAllBytes(file.FullName);
            try
            {
                var count = FeedParser.Parse(bytes).Episodes.Count;
                if (count > best.Item3)
                {
                    best = (file.Name, bytes, count);
                }
            }
            catch (FeedParseException)
            {
                // The corpus keeps feeds that are refused on purpose.
            }
        }
        return best;
    }

    private static async Task<List<DatabaseProvider>> ProvidersAsync(string? only)
    {
        if (only is not null)
        {
            return [Enum.Parse<DatabaseProvider>(only, ignoreCase: true)];
        }
        var providers = new List<DatabaseProvider> { DatabaseProvider.Sqlite };
        try
        {
            await PostgresServer.RequireAsync();
            providers.Add(DatabaseProvider.Postgres);
        }
        catch (Exception ex)
        {
            Console.WriteLine($"PostgreSQL unavailable ({ex.GetType().Name}); SQLite only.");
        }
        return providers;
    }

    private static Task<long> AddPodcastAsync(TestApp app, LoopbackHttpServer server) => app.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<PodBriefDbContext>();
        var podcast = new Podcast { FeedUrl = server.Url($"/feed/{Guid.NewGuid():N}").AbsoluteUri };
        db.Podcasts.Add(podcast);
        await db.SaveChangesAsync();
        return podcast.Id;
    });

    /// <summary>The new episodes of a fresh podcast, collected by the upserter but not yet inserted.</summary>
    private static async Task<List<Episode>> UpsertOnlyAsync(TestApp app, LoopbackHttpServer server, ParsedFeed feed)
    {
        var id = await AddPodcastAsync(app, server);
        return await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<PodBriefDbContext>();
            var podcast = await db.Podcasts.FindAsync(id);
            return await EpisodeUpserter.UpsertAsync(db, podcast!, feed, DateTime.UtcNow, CancellationToken.None);
        });
    }

    private static Task ForgetHashAsync(TestApp app, long podcastId) => app.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<PodBriefDbContext>();
        var podcast = await db.Podcasts.FindAsync(podcastId);
        podcast!.ContentHash = null;
        await db.SaveChangesAsync();
    });

    /// <summary>One poll through the production job; refuses a result that would make the timing meaningless.</summary>
    private static async Task RefreshAsync(TestApp app, long podcastId, int expectedNew, bool expectParsed = true)
    {
        var outcome = await app.WithScopeAsync(sp => sp.GetRequiredService<RefreshPodcastJob>().RefreshAsync(podcastId, true, CancellationToken.None));
        if (outcome.Error is not null || outcome.NewEpisodes != expectedNew || outcome.Parsed != expectParsed)
        {
            throw new InvalidOperationException($"Unexpected poll: {outcome}");
        }
    }

    internal sealed record Measurement(string Name, double Ms, long Bytes);

    private static Measurement Measure(string name, int iterations, Action action) =>
        MeasureAsync(name, iterations, () => Task.CompletedTask, () => { action(); return Task.CompletedTask; }).GetAwaiter().GetResult();

    /// <summary>Best of the runs after one warm-up; <paramref name="setup"/> runs before each, untimed.</summary>
    private static async Task<Measurement> MeasureAsync(string name, int iterations, Func<Task> setup, Func<Task> action)
    {
        await setup();
        await action(); // warm-up
        var best = double.MaxValue;
        var bytes = long.MaxValue;
        for (var i = 0; i < iterations; i++)
        {
            await setup();
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
