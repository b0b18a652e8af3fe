using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PodBrief.Core.Common.Http;
using PodBrief.Core.Data;
using PodBrief.Core.Feeds;

namespace PodBrief.Core.Transcripts.Chapters;

/// <summary>
/// Reads an episode's podcast:chapters file into <see cref="EpisodeChapter"/> rows, through the same safe fetcher and
/// size/time limits as transcripts. Runs inside the transcript stage (before the transcript, so extraction sees the
/// chapters) in its own DbContext, so a chapters problem never touches the transcript's work. Safe to run twice: an
/// episode whose file was read is left alone, and the unique (episode, position) index turns a race into a no-op.
/// </summary>
public sealed class FetchEpisodeChaptersJob(
    IServiceScopeFactory scopes,
    ISafeHttpFetcher fetcher,
    IOptions<TranscriptOptions> options,
    TimeProvider clock,
    ILogger<FetchEpisodeChaptersJob> logger)
{
    public async Task RunAsync(long episodeId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PodBriefDbContext>();
        var episode = await db.Episodes.FirstOrDefaultAsync(e => e.Id == episodeId, cancellationToken);
        if (episode?.ChaptersUrl is null || episode.ChaptersFetchedAt is not null)
        {
            return;
        }
        if (!Uri.TryCreate(episode.ChaptersUrl, UriKind.Absolute, out var url))
        {
            await FinishAsync(db, episode, "not an absolute URL", giveUp: true, cancellationToken);
            return;
        }
        var result = await fetcher.FetchAsync(new FetchRequest(url)
        {
            MaxBodyBytes = Math.Min(options.Value.MaxTranscriptBytes, ChaptersJson.MaxBytes),
            Accept = "application/json+chapters, application/json;q=0.9, */*;q=0.1",
        }, cancellationToken);
        if (!result.IsSuccess || result.Body is not { Length: > 0 } body)
        {
            // A transient failure is tried again on the episode's next transcript attempt; anything else is final.
            var transient = TranscriptFetchJob.IsTransient(result);
            await FinishAsync(db, episode, TranscriptFetchJob.Describe(result), giveUp: !transient, cancellationToken);
            return;
        }
        IReadOnlyList<ParsedChapter> chapters;
        try
        {
            chapters = ChaptersJson.Parse(body);
        }
        catch (FormatException ex)
        {
            await FinishAsync(db, episode, ex.Message, giveUp: true, cancellationToken);
            return;
        }
        await db.EpisodeChapters.Where(c => c.EpisodeId == episodeId).ExecuteDeleteAsync(cancellationToken);
        db.EpisodeChapters.AddRange(chapters.Select((c, i) => new EpisodeChapter
        {
            EpisodeId = episodeId,
            Position = i,
            StartSeconds = c.StartSeconds,
            Title = c.Title,
            Url = c.Url,
            ImageUrl = c.ImageUrl,
        }));
        await FinishAsync(db, episode, chapters.Count == 0 ? "the chapters file lists no usable chapters" : null, giveUp: true, cancellationToken);
        logger.LogInformation("Episode {EpisodeId}: {Count} chapter(s) stored", episodeId, chapters.Count);
    }

    private async Task FinishAsync(PodBriefDbContext db, Episode episode, string? error, bool giveUp, CancellationToken cancellationToken)
    {
        episode.ChaptersLastError = error is null ? null : Truncate($"Chapters {episode.ChaptersUrl}: {error}");
        episode.ChaptersFetchedAt = giveUp ? clock.GetUtcNow().UtcDateTime : null;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex)
        {
            // Another worker stored this episode's chapters at the same moment; its rows are as good as ours.
            logger.LogInformation(ex, "Episode {EpisodeId}: chapters were stored concurrently", episode.Id);
        }
        if (error is not null)
        {
            logger.LogInformation("Episode {EpisodeId}: {Error}", episode.Id, episode.ChaptersLastError);
        }
    }

    private static string Truncate(string text) => text.Length <= 2000 ? text : text[..1997] + "...";
}
