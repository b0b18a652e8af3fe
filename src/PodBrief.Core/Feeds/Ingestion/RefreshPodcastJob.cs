using System.Data.Common;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PodBrief.Core.Common;
using PodBrief.Core.Common.Http;
using PodBrief.Core.Data;
using PodBrief.Core.Feeds.Parsing;

namespace PodBrief.Core.Feeds.Ingestion;

/// <summary>What one refresh did, for the CLI and tests.</summary>
public sealed record RefreshOutcome(long PodcastId, PodcastStatus Status, int NewEpisodes, bool Parsed, string? Error);

/// <summary>
/// Polls one podcast: conditional GET, skip the parse when nothing changed (304 or same content hash), parse, upsert,
/// and record status, errors and the next check time on the podcast row. Safe to run twice.
/// </summary>
public sealed class RefreshPodcastJob(
    PodBriefDbContext db, ISafeHttpFetcher fetcher, IOptions<FeedsOptions> options, TimeProvider clock, ILogger<RefreshPodcastJob> logger)
{
    private const string FeedAccept = "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5";
    private readonly FeedsOptions _options = options.Value;

    public Task RunAsync(long podcastId, CancellationToken cancellationToken) => RefreshAsync(podcastId, force: false, cancellationToken);

    public async Task<RefreshOutcome> RefreshAsync(long podcastId, bool force, CancellationToken cancellationToken)
    {
        var podcast = await db.Podcasts.FirstOrDefaultAsync(p => p.Id == podcastId, cancellationToken);
        if (podcast is null)
        {
            return new RefreshOutcome(podcastId, PodcastStatus.Disabled, 0, false, "No such podcast.");
        }
        if (podcast.Status == PodcastStatus.Disabled || (podcast.Status == PodcastStatus.Paused && !force))
        {
            return new RefreshOutcome(podcastId, podcast.Status, 0, false, podcast.LastError);
        }

        var result = await fetcher.FetchAsync(new FetchRequest(new Uri(podcast.FeedUrl))
        {
            IfNoneMatch = podcast.ETag,
            IfModifiedSince = podcast.LastModifiedHeader,
            Accept = FeedAccept,
        }, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        podcast.LastFetchedAt = now;
        podcast.LastHttpStatus = result.StatusCode is { } code ? (int)code : null;
        podcast.UpdatedAt = now;

        var (outcome, newEpisodes) = await ApplyAsync(podcast, result, now, cancellationToken);
        try
        {
            await SaveAsync(newEpisodes, cancellationToken);
        }
        catch (Exception ex) when (IsUniqueViolation(ex))
        {
            // Another poll of this feed (a second `poll --once`, or the job server beside the CLI) stored the same
            // episodes first: its rows are as good as ours, and a race is never a crash. (The multi-row INSERT of new
            // episodes is raw SQL, so its violation arrives as the provider's DbException, not a DbUpdateException.)
            db.ChangeTracker.Clear();
            logger.LogInformation("Feed {PodcastId} was refreshed concurrently elsewhere; keeping the other run's episodes", podcastId);
            return outcome with { NewEpisodes = 0 };
        }
        PodBriefTelemetry.FeedsPolled.Add(1, new KeyValuePair<string, object?>("outcome", outcome.Error is null ? "ok" : "failed"));
        PodBriefTelemetry.EpisodesDiscovered.Add(outcome.NewEpisodes);
        if (outcome.Error is not null)
        {
            logger.LogInformation("Feed {PodcastId} ({Url}): {Error}", podcast.Id, podcast.FeedUrl, outcome.Error);
        }
        return outcome;
    }

    private static bool IsUniqueViolation(Exception ex) => ex switch
    {
        DbUpdateException update => update.IsUniqueViolation(),
        DbException raw => raw.IsUniqueViolation(),
        _ => false,
    };

    /// <summary>New episodes and the podcast's changes commit together, or not at all.</summary>
    private async Task SaveAsync(List<Episode> newEpisodes, CancellationToken ct)
    {
        if (newEpisodes.Count == 0)
        {
            await db.SaveChangesAsync(ct);
            return;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await EpisodeUpserter.InsertNewAsync(db, newEpisodes, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    private async Task<(RefreshOutcome Outcome, List<Episode> NewEpisodes)> ApplyAsync(Podcast podcast, FetchResult result, DateTime now, CancellationToken ct)
    {
        if (result.Error is not null)
        {
            return (Fail(podcast, now, $"{result.Error}: {result.ErrorMessage}", result.RetryAfter), []);
        }
        if (result.StatusCode == HttpStatusCode.Gone)
        {
            podcast.Status = PodcastStatus.Disabled;
            podcast.LastError = "HTTP 410 Gone: the publisher removed this feed; disabled.";
            return (new RefreshOutcome(podcast.Id, podcast.Status, 0, false, podcast.LastError), []);
        }
        if (result.IsNotModified)
        {
            return (Succeed(podcast, result, now, ttlMinutes: null, newEpisodes: 0, parsed: false), []);
        }
        if (!result.IsSuccess || result.Body is null)
        {
            var status = (int)result.StatusCode!.Value;
            return (Fail(podcast, now, $"HTTP {status} {ReasonPhrase(result.StatusCode.Value)}", result.RetryAfter), []);
        }

        await AdoptPermanentRedirectAsync(podcast, result, ct);
        var hash = Hashing.ContentFingerprint(result.Body);
        if (hash == podcast.ContentHash)
        {
            // Same bytes as last time, served without a 304: hashing costs a small fraction of a parse.
            return (Succeed(podcast, result, now, ttlMinutes: null, newEpisodes: 0, parsed: false), []);
        }

        ParsedFeed feed;
        try
        {
            feed = FeedParser.Parse(result.Body, result.Charset, result.FinalUrl, ct);
        }
        catch (FeedParseException ex)
        {
            return (Fail(podcast, now, ex.Message, retryAfter: null), []);
        }
        podcast.ContentHash = hash;
        if (feed.Blocked)
        {
            podcast.Status = PodcastStatus.Blocked;
            podcast.Title = feed.Title ?? podcast.Title;
            podcast.LastError = "The feed asks not to be ingested (<podcast:block>yes</podcast:block>).";
            podcast.ConsecutiveErrors = 0;
            podcast.NextCheckAt = now + _options.MaxCheckInterval;
            podcast.ETag = result.ETag;
            podcast.LastModifiedHeader = result.LastModified;
            return (new RefreshOutcome(podcast.Id, podcast.Status, 0, true, null), []);
        }
        var added = await EpisodeUpserter.UpsertAsync(db, podcast, feed, now, ct);
        return (Succeed(podcast, result, now, feed.TtlMinutes, added.Count, parsed: true), added);
    }

    private RefreshOutcome Succeed(Podcast podcast, FetchResult result, DateTime now, int? ttlMinutes, int newEpisodes, bool parsed)
    {
        if (podcast.Status is PodcastStatus.Paused || (podcast.Status is PodcastStatus.Blocked && parsed))
        {
            podcast.Status = PodcastStatus.Active;
        }
        if (podcast.Status == PodcastStatus.Active)
        {
            podcast.LastError = null;
        }
        podcast.ConsecutiveErrors = 0;
        podcast.LastSuccessAt = now;
        podcast.ETag = result.ETag ?? podcast.ETag;
        podcast.LastModifiedHeader = result.LastModified ?? podcast.LastModifiedHeader;
        podcast.NextCheckAt = podcast.Status == PodcastStatus.Blocked
            ? now + _options.MaxCheckInterval
            : CheckSchedule.AfterSuccess(now, _options, ttlMinutes, result.CacheMaxAge, result.Expires);
        return new RefreshOutcome(podcast.Id, podcast.Status, newEpisodes, parsed, null);
    }

    private RefreshOutcome Fail(Podcast podcast, DateTime now, string error, DateTimeOffset? retryAfter)
    {
        podcast.ConsecutiveErrors++;
        podcast.LastError = error.Length <= 2000 ? error : error[..2000];
        podcast.NextCheckAt = CheckSchedule.AfterFailure(now, _options, podcast.ConsecutiveErrors, retryAfter);
        if (podcast.ConsecutiveErrors >= _options.MaxConsecutiveErrors && podcast.Status == PodcastStatus.Active)
        {
            podcast.Status = PodcastStatus.Paused;
            podcast.LastError = $"Paused after {podcast.ConsecutiveErrors} consecutive failures. Last: {podcast.LastError}";
            if (podcast.LastError.Length > 2000)
            {
                podcast.LastError = podcast.LastError[..2000];
            }
        }
        return new RefreshOutcome(podcast.Id, podcast.Status, 0, false, podcast.LastError);
    }

    /// <summary>301/308 all the way: store the new URL, unless another podcast already has it.</summary>
    private async Task AdoptPermanentRedirectAsync(Podcast podcast, FetchResult result, CancellationToken ct)
    {
        var moved = result.PermanentUrl.AbsoluteUri;
        if (moved != podcast.FeedUrl && !await db.Podcasts.AnyAsync(p => p.FeedUrl == moved && p.Id != podcast.Id, ct))
        {
            podcast.FeedUrl = moved;
        }
    }

    private static string ReasonPhrase(HttpStatusCode code) => code switch
    {
        HttpStatusCode.NotFound => "Not Found",
        HttpStatusCode.Forbidden => "Forbidden",
        HttpStatusCode.Unauthorized => "Unauthorized",
        HttpStatusCode.TooManyRequests => "Too Many Requests",
        HttpStatusCode.InternalServerError => "Internal Server Error",
        HttpStatusCode.BadGateway => "Bad Gateway",
        HttpStatusCode.ServiceUnavailable => "Service Unavailable",
        HttpStatusCode.GatewayTimeout => "Gateway Timeout",
        _ => code.ToString(),
    };
}
