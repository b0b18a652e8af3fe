using Microsoft.EntityFrameworkCore;
using PodBrief.Core.Data;
using PodBrief.Core.Feeds.Ingestion;
using PodBrief.Testing;
using static PodBrief.IntegrationTests.Feeds.FeedTestSupport;

namespace PodBrief.IntegrationTests.Feeds;

/// <summary>
/// New episodes are written by a multi-row INSERT (issue 13 item 3), not by SaveChanges: every column must read
/// back exactly as if SaveChanges had written it — enums as their names, UTC dates to the tick, bools, nulls.
/// </summary>
public class EpisodeBulkInsertTests
{
    private static Episode Sample(long podcastId, string key)
    {
        var at = new DateTime(2026, 3, 2, 8, 0, 0, DateTimeKind.Utc).AddTicks(1234567);
        var episode = new Episode
        {
            PodcastId = podcastId,
            IdentityKey = key,
            Guid = "guid-é",
            Title = "Title with 'quotes' and \"doubles\"",
            PublishedAt = at,
            PublishedAtEstimated = true,
            DurationSeconds = 3601,
            EnclosureUrl = "https://cdn.example.com/a.mp3",
            EnclosureType = "audio/mpeg",
            EnclosureLength = 3_000_000_000,
            ShowNotes = "Line one\nLine two ✓",
            SeasonNumber = 2,
            ChaptersUrl = "https://example.com/c.json",
            FirstSeenAt = at.AddDays(1),
            UpdatedAt = at.AddDays(1),
            TranscriptStatus = TranscriptStatus.Pending,
            TranscriptProvenance = TranscriptProvenance.Publisher,
            TranscriptNextAttemptAt = at.AddHours(3),
            ExtractionStatus = ExtractionStatus.Pending,
        };
        episode.TranscriptLinks.Add(new TranscriptLink { Url = "https://example.com/t.vtt", MediaType = "text/vtt", Rel = "captions" });
        return episode;
    }

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task An_episode_inserted_in_bulk_reads_back_like_one_saved_by_the_change_tracker(DatabaseProvider provider)
    {
        await using var app = await StartAppAsync(provider);
        var podcastId = await AddPodcastRowAsync(app, new Uri("https://example.com/feed.xml"));
        await using (var db = app.CreateDbContext())
        {
            db.Episodes.Add(Sample(podcastId, "tracked"));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }
        await using (var db = app.CreateDbContext())
        {
            await EpisodeUpserter.InsertNewAsync(db, [Sample(podcastId, "bulk")], TestContext.Current.CancellationToken);
        }

        await using var read = app.CreateDbContext();
        var rows = await read.Episodes.AsNoTracking().Include(e => e.TranscriptLinks).Where(e => e.PodcastId == podcastId)
            .ToDictionaryAsync(e => e.IdentityKey, TestContext.Current.CancellationToken);
        var columns = read.Model.FindEntityType(typeof(Episode))!.GetProperties()
            .Where(p => p.Name is not (nameof(Episode.Id) or nameof(Episode.IdentityKey)));
        foreach (var column in columns)
        {
            Assert.True(Equals(column.PropertyInfo!.GetValue(rows["tracked"]), column.PropertyInfo.GetValue(rows["bulk"])), $"{column.Name} differs");
        }
        Assert.Equal(DateTimeKind.Utc, rows["bulk"].PublishedAt.Kind);
        // Stored, not just read back, the same way: SQLite compares dates as text, so a different format would
        // read back equal yet miss the due-work queries.
        var due = rows["tracked"].TranscriptNextAttemptAt;
        Assert.Equal(2, await read.Episodes.CountAsync(e => e.PodcastId == podcastId && e.TranscriptNextAttemptAt == due
            && e.TranscriptStatus == TranscriptStatus.Pending && e.PublishedAtEstimated, TestContext.Current.CancellationToken));
        var link = Assert.Single(rows["bulk"].TranscriptLinks);
        Assert.Equal(("https://example.com/t.vtt", "text/vtt", null, "captions"), (link.Url, link.MediaType, link.Language, link.Rel));
    }
}
