using Microsoft.EntityFrameworkCore;
using PodBrief.Core.Data;

namespace PodBrief.Core.Feeds.Catalog;

/// <summary>One line of the podcasts table (admin page, `podcasts list`): where each feed stands and why.</summary>
public sealed record PodcastOverviewRow(
    long Id, string FeedUrl, string? Title, PodcastStatus Status, PodcastSource AddedBy, DateTime? LastFetchedAt, DateTime? LastSuccessAt,
    DateTime NextCheckAt, int ConsecutiveErrors, int? LastHttpStatus, string? LastError,
    int Episodes, int TranscriptPublisher, int TranscriptSpeechToText, int TranscriptShowNotes, int TranscriptNone);

public static class PodcastOverview
{
    public static async Task<IReadOnlyList<PodcastOverviewRow>> LoadAsync(PodBriefDbContext db, CancellationToken ct)
    {
        var podcasts = await db.Podcasts.AsNoTracking().OrderBy(p => p.Title ?? p.FeedUrl).ToListAsync(ct);
        var counts = await db.Episodes.AsNoTracking()
            .GroupBy(e => new { e.PodcastId, e.TranscriptProvenance })
            .Select(g => new { g.Key.PodcastId, g.Key.TranscriptProvenance, Count = g.Count() })
            .ToListAsync(ct);
        var byPodcast = counts.ToLookup(c => c.PodcastId);
        return [.. podcasts.Select(p =>
        {
            var c = byPodcast[p.Id].ToDictionary(x => x.TranscriptProvenance, x => x.Count);
            return new PodcastOverviewRow(p.Id, p.FeedUrl, p.Title, p.Status, p.AddedBy, p.LastFetchedAt, p.LastSuccessAt, p.NextCheckAt,
                p.ConsecutiveErrors, p.LastHttpStatus, p.LastError, c.Values.Sum(),
                c.GetValueOrDefault(TranscriptProvenance.Publisher), c.GetValueOrDefault(TranscriptProvenance.SpeechToText),
                c.GetValueOrDefault(TranscriptProvenance.ShowNotes), c.GetValueOrDefault(TranscriptProvenance.None));
        })];
    }
}
