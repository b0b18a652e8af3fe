using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PodBrief.Core.Data;
using PodBrief.Core.Feeds.Ingestion;
using PodBrief.Testing;

namespace PodBrief.IntegrationTests.Feeds;

internal static class FeedTestSupport
{
    public static Task<TestApp> StartAppAsync(DatabaseProvider provider, IDictionary<string, string?>? extra = null, Action<IServiceCollection>? services = null)
    {
        var settings = new Dictionary<string, string?> { ["Feeds:AllowPrivateAddresses"] = "true", ["Feeds:TimeoutSeconds"] = "10" };
        foreach (var (k, v) in extra ?? new Dictionary<string, string?>())
        {
            settings[k] = v;
        }
        return TestApp.StartAsync(provider, settings, services);
    }

    public static async Task<long> AddPodcastRowAsync(TestApp app, Uri feedUrl)
    {
        await using var db = app.CreateDbContext();
        var podcast = new Podcast { FeedUrl = feedUrl.AbsoluteUri, NextCheckAt = app.Clock.GetUtcNow().UtcDateTime, CreatedAt = app.Clock.GetUtcNow().UtcDateTime };
        db.Podcasts.Add(podcast);
        await db.SaveChangesAsync();
        return podcast.Id;
    }

    public static Task<RefreshOutcome> RefreshAsync(TestApp app, long podcastId, bool force = false) =>
        app.WithScopeAsync(sp => sp.GetRequiredService<RefreshPodcastJob>().RefreshAsync(podcastId, force, TestContext.Current.CancellationToken));

    public static async Task<Podcast> LoadAsync(TestApp app, long podcastId)
    {
        await using var db = app.CreateDbContext();
        return await db.Podcasts.AsNoTracking().Include(p => p.Episodes).ThenInclude(e => e.TranscriptLinks).SingleAsync(p => p.Id == podcastId);
    }

    public static string Rss(string items, string channelExtra = "") =>
        $"""<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" xmlns:podcast="https://podcastindex.org/namespace/1.0"><channel><title>Fixture Show</title>{channelExtra}{items}</channel></rss>""";

    public static string Item(string guid, string enclosure, string title = "Episode", string extra = "") =>
        $"""<item><title>{title}</title><guid>{guid}</guid><pubDate>Mon, 02 Mar 2026 08:00:00 GMT</pubDate><enclosure url="{enclosure}" type="audio/mpeg" length="1000"/>{extra}</item>""";
}
