using PodBrief.Core.Digests.PrivateFeed;
using PodBrief.Core.Subscribers;

namespace PodBrief.Web.Hosting;

/// <summary>
/// GET /feed/{token}/rss.xml and /feed/{token}/feed.json: a subscriber's private feeds. The token is the only
/// credential (feed readers cannot log in); an unknown or revoked one is a plain 404 that says nothing more.
/// </summary>
internal static class PrivateFeedEndpoints
{
    public static void MapPrivateFeeds(this WebApplication app)
    {
        app.MapGet("/feed/{token}/rss.xml", (string token, PrivateFeedService feeds, SubscriberLinks links, CancellationToken ct) =>
            ServeAsync(feeds, token, links.PrivateFeedRss(token), PrivateFeedWriter.Rss, PrivateFeedWriter.RssContentType, ct));
        app.MapGet("/feed/{token}/feed.json", (string token, PrivateFeedService feeds, SubscriberLinks links, CancellationToken ct) =>
            ServeAsync(feeds, token, links.PrivateFeedJson(token), PrivateFeedWriter.JsonFeed, PrivateFeedWriter.JsonFeedContentType, ct));
    }

    private static async Task<IResult> ServeAsync(PrivateFeedService feeds, string token, string feedUrl,
        Func<PrivateFeedContent, byte[]> write, string contentType, CancellationToken cancellationToken)
    {
        var feed = await feeds.LoadAsync(token, feedUrl, cancellationToken);
        return feed is null ? Results.NotFound() : Results.Bytes(write(feed), contentType);
    }
}
