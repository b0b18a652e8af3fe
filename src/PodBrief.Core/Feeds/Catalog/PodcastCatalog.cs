using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PodBrief.Core.Common;
using PodBrief.Core.Common.Http;
using PodBrief.Core.Data;
using PodBrief.Core.Feeds.Ingestion;
using PodBrief.Core.Feeds.Parsing;

namespace PodBrief.Core.Feeds.Catalog;

/// <inheritdoc cref="IPodcastCatalog"/>
public sealed class PodcastCatalog(PodBriefDbContext db, ISafeHttpFetcher fetcher, IOptions<FeedsOptions> options, TimeProvider clock) : IPodcastCatalog
{
    public async Task<AddPodcastResult> AddAsync(string feedUrl, PodcastSource source, CancellationToken cancellationToken)
    {
        if (NormalizeUrl(feedUrl) is not { } url)
        {
            return new AddPodcastResult(null, "Enter an absolute http(s) feed URL without a user name or password.");
        }
        if (await FindAsync(url.AbsoluteUri, cancellationToken) is { } known)
        {
            return new AddPodcastResult(known, null);
        }
        var result = await fetcher.FetchAsync(new FetchRequest(url) { Accept = "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, */*;q=0.5" }, cancellationToken);
        if (result.Error is not null)
        {
            return new AddPodcastResult(null, $"Could not fetch the feed: {result.ErrorMessage}");
        }
        if (!result.IsSuccess || result.Body is null)
        {
            return new AddPodcastResult(null, $"Could not fetch the feed: HTTP {(int?)result.StatusCode}.");
        }
        var storedUrl = result.PermanentUrl.AbsoluteUri;
        if (await FindAsync(storedUrl, cancellationToken) is { } moved)
        {
            return new AddPodcastResult(moved, null);
        }
        ParsedFeed feed;
        try
        {
            feed = FeedParser.Parse(result.Body, result.Charset, result.FinalUrl, cancellationToken);
        }
        catch (FeedParseException ex)
        {
            return new AddPodcastResult(null, $"Not a podcast feed we can read: {ex.Message}");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var podcast = new Podcast
        {
            FeedUrl = storedUrl,
            Title = feed.Title,
            AddedBy = source,
            CreatedAt = now,
            UpdatedAt = now,
            LastFetchedAt = now,
            LastSuccessAt = now,
            LastHttpStatus = (int?)result.StatusCode,
            ETag = result.ETag,
            LastModifiedHeader = result.LastModified,
            ContentHash = Hashing.ContentFingerprint(result.Body),
            Status = feed.Blocked ? PodcastStatus.Blocked : PodcastStatus.Active,
            LastError = feed.Blocked ? "The feed asks not to be ingested (<podcast:block>yes</podcast:block>)." : null,
            NextCheckAt = feed.Blocked ? now + options.Value.MaxCheckInterval
                : CheckSchedule.AfterSuccess(now, options.Value, feed.TtlMinutes, result.CacheMaxAge, result.Expires),
        };
        db.Podcasts.Add(podcast);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            // Added by someone else in the meantime (unique FeedUrl).
            db.ChangeTracker.Clear();
            return await FindAsync(storedUrl, cancellationToken) is { } raced
                ? new AddPodcastResult(raced, null)
                : new AddPodcastResult(null, "Could not store the podcast.");
        }
        if (!feed.Blocked)
        {
            var episodes = await EpisodeUpserter.UpsertAsync(db, podcast, feed, now, cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await EpisodeUpserter.InsertNewAsync(db, episodes, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        return new AddPodcastResult(podcast, null);
    }

    /// <summary>Stores a podcast without fetching it (OPML import, starter catalog): the poller fetches it soon, through
    /// the same guarded client. Returns null for URLs that fail validation; the existing row when already known.</summary>
    public async Task<(Podcast? Podcast, bool Added)> AddUnfetchedAsync(string feedUrl, string? title, PodcastSource source, CancellationToken ct)
    {
        if (NormalizeUrl(feedUrl) is not { } url)
        {
            return (null, false);
        }
        if (await FindAsync(url.AbsoluteUri, ct) is { } known)
        {
            return (known, false);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var podcast = new Podcast
        {
            FeedUrl = url.AbsoluteUri,
            Title = FeedValues.Clean(title),
            AddedBy = source,
            CreatedAt = now,
            UpdatedAt = now,
            NextCheckAt = now,
        };
        db.Podcasts.Add(podcast);
        await db.SaveChangesAsync(ct);
        return (podcast, true);
    }

    /// <summary>Trims, maps feed:// and pcast:// to https, and refuses what the fetcher would refuse anyway.</summary>
    public static Uri? NormalizeUrl(string? input)
    {
        var text = input?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > 2048)
        {
            return null;
        }
        foreach (var scheme in new[] { "feed://", "pcast://", "itpc://", "podcast://" })
        {
            if (text.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            {
                text = "https://" + text[scheme.Length..];
            }
        }
        if (!text.Contains("://", StringComparison.Ordinal))
        {
            text = "https://" + text;
        }
        return Uri.TryCreate(text, UriKind.Absolute, out var url) && SafeHttpFetcher.Refuse(url) is null && !string.IsNullOrEmpty(url.Host)
            ? url
            : null;
    }

    private Task<Podcast?> FindAsync(string url, CancellationToken ct) => db.Podcasts.FirstOrDefaultAsync(p => p.FeedUrl == url, ct);
}
