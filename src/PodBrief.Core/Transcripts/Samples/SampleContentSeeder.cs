using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PodBrief.Core.Common;
using PodBrief.Core.Data;
using PodBrief.Core.Jobs;

namespace PodBrief.Core.Transcripts.Samples;

/// <summary>
/// On a fresh install (no podcast at all, Feeds:LoadSampleContent) adds the sample show with its episodes and
/// timed transcripts from SampleContent/, then enqueues their extraction, so the landing page has real cards
/// within a minute and without network. From there it is ordinary data: the offline (or LLM) extractor, the
/// grounding and quality gates, ranking and digests treat it like any show. Runs before the starter catalog, which
/// ignores it when deciding whether the catalog is empty.
/// </summary>
public sealed class SampleContentSeeder(
    IOptions<SampleContentOptions> options,
    IBackgroundJobClient jobs,
    TimeProvider clock,
    ILogger<SampleContentSeeder> logger) : IDatabaseSeeder
{
    /// <summary>The id of the Insights extraction tick (ExtractDueEpisodesTick.JobId); Transcripts may not reference Insights.</summary>
    internal const string ExtractionTickId = "extract-due-episodes";

    public int Order => 5;

    public async Task SeedAsync(PodBriefDbContext db, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.LoadSampleContent != true || await db.Podcasts.AnyAsync(cancellationToken))
        {
            return;
        }
        if (ShippedFiles.Find(settings.SampleContentPath, "Feeds:SampleContentPath", logger) is not { } path)
        {
            return;
        }
        var manifest = await SampleShowManifest.LoadAsync(path, cancellationToken);
        var podcast = await AddAsync(db, manifest, Path.GetDirectoryName(path)!, cancellationToken);
        // Run the extraction tick now rather than at its next cron time (up to 5 minutes away): it finds the new
        // episodes pending like any other. Should the job store be lost first, the next scheduled tick does the same.
        jobs.Enqueue<RecurringTickRunner>(r => r.RunAsync(ExtractionTickId, CancellationToken.None));
        logger.LogInformation("Loaded the sample show \"{Title}\" ({Episodes} episodes); remove it with `podcasts remove-sample`.",
            podcast.Title, podcast.Episodes.Count);
    }

    private async Task<Podcast> AddAsync(PodBriefDbContext db, SampleShowManifest manifest, string directory, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var podcast = new Podcast
        {
            FeedUrl = SampleShowManifest.FeedUrl,
            Title = manifest.Title,
            Description = manifest.Description,
            Author = manifest.Author,
            Language = manifest.Language,
            AddedBy = PodcastSource.Sample,
            // Disabled: the poller never fetches it (there is no feed behind it).
            Status = PodcastStatus.Disabled,
            LastError = "Sample show that ships with PodBrief; not polled. Remove it with `podcasts remove-sample`.",
            NextCheckAt = DateTime.MaxValue.ToUniversalTime(),
            CreatedAt = now,
            UpdatedAt = now,
        };
        foreach (var sample in manifest.Episodes)
        {
            var bytes = await File.ReadAllBytesAsync(Path.Combine(directory, sample.Transcript), cancellationToken);
            var format = TranscriptFormats.FromUrl(sample.Transcript);
            var document = TranscriptParser.Parse(bytes, format) with { Provenance = TranscriptProvenance.Publisher, Language = manifest.Language };
            var published = now.AddHours(-Math.Max(0, sample.HoursAgo));
            var episode = new Episode
            {
                IdentityKey = "sample:" + sample.Key,
                Guid = "sample:" + sample.Key,
                Title = sample.Title,
                ShowNotes = sample.ShowNotes,
                Language = manifest.Language,
                PublishedAt = published,
                DurationSeconds = document.DurationSeconds is { } seconds ? (int)Math.Ceiling(seconds) : null,
                FirstSeenAt = now,
                UpdatedAt = now,
            };
            TranscriptRecorder.Record(episode, document, sourceUrl: null, mediaType: null, now, note: null);
            podcast.Episodes.Add(episode);
        }
        db.Podcasts.Add(podcast);
        await db.SaveChangesAsync(cancellationToken);
        return podcast;
    }
}
