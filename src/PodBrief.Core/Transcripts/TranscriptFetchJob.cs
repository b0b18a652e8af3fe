using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PodBrief.Core.Common;
using PodBrief.Core.Common.Http;
using PodBrief.Core.Common.Text;
using PodBrief.Core.Data;
using PodBrief.Core.Transcripts.Chapters;

namespace PodBrief.Core.Transcripts;

/// <summary>
/// Gets one episode's transcript: the best publisher transcript, else speech-to-text, else show notes; records
/// status, provenance and errors on the episode. Safe to run twice: an episode with a transcript is left alone,
/// and every decision is derived from the rows, not from the job.
/// </summary>
public sealed class TranscriptFetchJob(
    PodBriefDbContext db,
    ISafeHttpFetcher fetcher,
    TranscriptFallbacks fallbacks,
    FetchEpisodeChaptersJob chapters,
    IOptions<TranscriptOptions> options,
    TimeProvider clock,
    ILogger<TranscriptFetchJob> logger)
{
    private TranscriptOptions Options => options.Value;

    /// <summary>Ids of episodes whose transcript stage is due now (pending, or a retry whose time has come), newest first.</summary>
    public async Task<IReadOnlyList<long>> DueEpisodeIdsAsync(int max, CancellationToken cancellationToken, bool anyAge = false)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var window = anyAge ? 0 : options.Value.FetchWindowDays;
        var publishedSince = window > 0 ? now.AddDays(-window) : DateTime.MinValue;
        return await db.Episodes
            .Where(e => e.Podcast!.Status != PodcastStatus.Blocked)
            .Where(e => e.PublishedAt >= publishedSince)
            .Where(e => e.TranscriptStatus == TranscriptStatus.Pending
                || e.TranscriptStatus == TranscriptStatus.NotYetAvailable
                || e.TranscriptStatus == TranscriptStatus.Failed)
            .Where(e => e.TranscriptNextAttemptAt == null || e.TranscriptNextAttemptAt <= now)
            .Where(e => e.TranscriptLeaseUntil == null || e.TranscriptLeaseUntil <= now)
            .OrderByDescending(e => e.PublishedAt)
            .Select(e => e.Id)
            .Take(max)
            .ToListAsync(cancellationToken);
    }

    /// <summary>Claims the episode first (<see cref="TranscriptClaim"/>): a second worker on the same episode returns at once.</summary>
    public async Task RunAsync(long episodeId, CancellationToken cancellationToken)
    {
        if (!await TranscriptClaim.TryClaimAsync(db, episodeId, clock.GetUtcNow().UtcDateTime, cancellationToken))
        {
            logger.LogInformation("Episode {EpisodeId}: transcript stage skipped, another worker holds it or it is done", episodeId);
            return;
        }
        try
        {
            await RunClaimedAsync(episodeId, cancellationToken);
        }
        finally
        {
            // Not with the caller's token: a cancelled run must still free the episode for the next worker.
            db.ChangeTracker.Clear();
            await TranscriptClaim.ReleaseAsync(db, episodeId, CancellationToken.None);
        }
    }

    private async Task RunClaimedAsync(long episodeId, CancellationToken cancellationToken)
    {
        var episode = await db.Episodes
            .Include(e => e.Podcast)
            .Include(e => e.TranscriptLinks)
            .Include(e => e.Transcript)
            .AsSplitQuery()
            .FirstOrDefaultAsync(e => e.Id == episodeId, cancellationToken);
        if (episode is null || episode.Podcast?.Status == PodcastStatus.Blocked)
        {
            return;
        }
        if (episode.ChaptersUrl is not null && episode.ChaptersFetchedAt is null)
        {
            // Before the transcript, so extraction (which waits for the transcript) finds the chapters in place.
            await chapters.RunAsync(episode.Id, cancellationToken);
        }
        if (episode.TranscriptStatus == TranscriptStatus.Available && episode.Transcript is not null)
        {
            return;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        episode.TranscriptAttempts++;
        var language = episode.Language ?? episode.Podcast?.Language;
        var log = new FetchLog();

        foreach (var link in TranscriptLinkSelector.Order(episode.TranscriptLinks, language))
        {
            var document = await TryPublisherAsync(episode, link, now, log, cancellationToken);
            if (document is not null)
            {
                Store(episode, document with { Language = link.Language ?? language }, link.Url, link.MediaType, now, note: null);
                await SaveAsync(episodeId, cancellationToken);
                return;
            }
        }
        if (episode.TranscriptLinks.Count == 0)
        {
            log.Note("no publisher transcript in the feed");
        }
        if (log.RetryLater && ScheduleRetry(episode, now, log))
        {
            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        var fallback = await fallbacks.SpeechToTextAsync(episode, language, log, cancellationToken);
        if (fallback is null && log.RetryLater && ScheduleRetry(episode, now, log))
        {
            await db.SaveChangesAsync(cancellationToken);
            return;
        }
        fallback ??= fallbacks.FromShowNotes(episode, language, log);
        if (fallback is not null)
        {
            Store(episode, fallback.Value.Document, fallback.Value.SourceUrl, fallback.Value.MediaType, now, note: log.ToString());
        }
        else
        {
            episode.TranscriptStatus = TranscriptStatus.Unavailable;
            episode.TranscriptProvenance = TranscriptProvenance.None;
            episode.TranscriptNextAttemptAt = null;
            episode.TranscriptLastError = TextClip.Clip("No transcript: " + log, 2000);
            logger.LogInformation("Episode {EpisodeId} has no transcript: {Reason}", episode.Id, log);
        }
        episode.UpdatedAt = now;
        await SaveAsync(episodeId, cancellationToken);
    }

    /// <summary>
    /// Saves the episode's transcript; when another worker stored one for this episode first (unique EpisodeId), its
    /// row stands and this run ends quietly — two `poll --once` at once must both succeed.
    /// </summary>
    private async Task SaveAsync(long episodeId, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
            logger.LogInformation("Episode {EpisodeId}: a transcript was stored concurrently by another worker; keeping it", episodeId);
        }
    }

    private async Task<TranscriptDocument?> TryPublisherAsync(Episode episode, TranscriptLink link, DateTime now, FetchLog log, CancellationToken cancellationToken)
    {
        var format = TranscriptLinkSelector.FormatOf(link);
        var label = $"{(format == TranscriptFormat.Unknown ? link.MediaType ?? "transcript" : format.ToString())} {link.Url}";
        if (!Uri.TryCreate(link.Url, UriKind.Absolute, out var url))
        {
            log.Note($"{label}: not an absolute URL");
            return null;
        }
        var result = await fetcher.FetchAsync(new FetchRequest(url) { MaxBodyBytes = Options.MaxTranscriptBytes }, cancellationToken);
        if (result.IsSuccess && result.Body is { Length: > 0 } body)
        {
            try
            {
                return TranscriptParser.Parse(body, format, result.Charset) with { Provenance = TranscriptProvenance.Publisher };
            }
            catch (FormatException ex)
            {
                log.Note($"{label}: {ex.Message}");
                return null;
            }
        }
        var status = (int?)result.StatusCode;
        var sincePublished = now - episode.PublishedAt;
        if (result.Error is null && status is 403 or 404 && sincePublished < TimeSpan.FromDays(Options.PublisherWaitDays))
        {
            // Hosts publish the feed item before the transcript is generated: come back later.
            log.NotYet($"{label}: HTTP {status}, not there yet", result.RetryAfter);
        }
        else if (IsTransient(result) && episode.TranscriptAttempts < Options.MaxAttempts)
        {
            log.Transient($"{label}: {Describe(result)}", result.RetryAfter);
        }
        else
        {
            log.Note($"{label}: {Describe(result)}");
        }
        return null;
    }

    private bool ScheduleRetry(Episode episode, DateTime now, FetchLog log)
    {
        var exponent = Math.Min(Math.Max(episode.TranscriptAttempts - 1, 0), 16);
        var delay = TimeSpan.FromMinutes(Options.RetryBaseDelayMinutes * Math.Pow(2, exponent));
        var cap = TimeSpan.FromHours(Options.MaxRetryDelayHours);
        if (delay > cap)
        {
            delay = cap;
        }
        var next = now + delay;
        if (log.RetryAfter is { } retryAfter && retryAfter.UtcDateTime > next)
        {
            next = retryAfter.UtcDateTime;
        }
        episode.TranscriptStatus = log.NotYetAvailable ? TranscriptStatus.NotYetAvailable : TranscriptStatus.Failed;
        episode.TranscriptNextAttemptAt = next;
        episode.TranscriptLastError = TextClip.Clip($"{log} (attempt {episode.TranscriptAttempts}; next at {next:u})", 2000);
        episode.UpdatedAt = now;
        return true;
    }

    private void Store(Episode episode, TranscriptDocument document, string? sourceUrl, string? mediaType, DateTime now, string? note)
    {
        TranscriptRecorder.Record(episode, document, sourceUrl, mediaType, now, note);
        logger.LogInformation("Episode {EpisodeId}: {Provenance} transcript, {Segments} segments", episode.Id, document.Provenance, document.Segments.Count);
    }

    internal static bool IsTransient(FetchResult result) =>
        result.Error is FetchError.Timeout or FetchError.Network
        || result.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout
        || (int?)result.StatusCode >= 500;

    internal static string Describe(FetchResult result) =>
        result.Error is { } error ? $"{error}: {result.ErrorMessage}" : $"HTTP {(int?)result.StatusCode}";

}
