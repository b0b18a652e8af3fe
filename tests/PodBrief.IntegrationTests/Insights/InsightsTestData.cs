using PodBrief.Core.Data;
using PodBrief.Core.Insights;
using PodBrief.Core.Transcripts;

namespace PodBrief.IntegrationTests.Insights;

internal static class InsightsTestData
{
    /// <summary>A podcast with one episode published <paramref name="age"/> before <paramref name="now"/>, with the transcript stored.</summary>
    public static async Task<Episode> AddEpisodeAsync(PodBriefDbContext db, DateTime now, TranscriptDocument? document, TimeSpan age, string show = "Show A")
    {
        var podcast = new Podcast { FeedUrl = $"https://feeds.test/{Guid.NewGuid():N}.xml", Title = show, Language = "en", CreatedAt = now, UpdatedAt = now, NextCheckAt = now };
        var episode = new Episode
        {
            Podcast = podcast,
            IdentityKey = Guid.NewGuid().ToString("N"),
            Title = show + " episode",
            PublishedAt = now - age,
            FirstSeenAt = now,
            UpdatedAt = now,
            TranscriptStatus = document is null ? TranscriptStatus.Pending : TranscriptStatus.Available,
        };
        db.Episodes.Add(episode);
        await db.SaveChangesAsync();
        if (document is not null)
        {
            db.Transcripts.Add(new Transcript
            {
                EpisodeId = episode.Id,
                Provenance = document.Provenance,
                SourceFormat = document.Format,
                Language = document.Language,
                Text = document.ToPlainText(),
                SegmentsJson = TranscriptSegmentsJson.Serialize(document.Segments),
                SegmentCount = document.Segments.Count,
                DurationSeconds = document.DurationSeconds,
                ContentHash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(document.ToPlainText()))),
                FetchedAt = now,
            });
            await db.SaveChangesAsync();
        }
        return episode;
    }
}

/// <summary>An extractor that answers with fixed cards or throws, to drive the job through its paths.</summary>
internal sealed class ScriptedExtractor(Func<ExtractionRequest, ExtractionResult> answer) : IInsightExtractor
{
    public string Name => "scripted";

    public string PromptVersion => "test-1";

    public int Calls { get; private set; }

    public Task<ExtractionResult> ExtractAsync(ExtractionRequest request, CancellationToken cancellationToken)
    {
        Calls++;
        return Task.FromResult(answer(request));
    }
}
