using Microsoft.EntityFrameworkCore;
using PodBrief.Core.Data;

namespace PodBrief.Core.Transcripts.Chapters;

/// <summary>How other stages read chapters (the transcript stage owns the rows).</summary>
public static class EpisodeChapterQueries
{
    /// <summary>An episode's chapters in order: start second and title.</summary>
    public static async Task<IReadOnlyList<(double StartSeconds, string Title)>> ForEpisodeAsync(
        PodBriefDbContext db, long episodeId, CancellationToken cancellationToken)
    {
        var rows = await db.EpisodeChapters.AsNoTracking()
            .Where(c => c.EpisodeId == episodeId)
            .OrderBy(c => c.Position)
            .Select(c => new { c.StartSeconds, c.Title })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => (r.StartSeconds, r.Title))];
    }

    /// <summary>The chapter playing at <paramref name="seconds"/>: the last one that starts at or before it.</summary>
    public static Task<EpisodeChapter?> CoveringAsync(PodBriefDbContext db, long episodeId, double seconds, CancellationToken cancellationToken) =>
        db.EpisodeChapters.AsNoTracking()
            .Where(c => c.EpisodeId == episodeId && c.StartSeconds <= seconds)
            .OrderByDescending(c => c.StartSeconds)
            .FirstOrDefaultAsync(cancellationToken);
}
