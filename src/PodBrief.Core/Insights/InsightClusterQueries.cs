using Microsoft.EntityFrameworkCore;
using PodBrief.Core.Common;
using PodBrief.Core.Data;

namespace PodBrief.Core.Insights;

/// <summary>Another show's card on the same idea: "also discussed in <see cref="Label"/>".</summary>
public sealed record AlsoDiscussed(long CardId, long PodcastId, string Show, string? EpisodeTitle, double? StartSeconds)
{
    /// <summary>"Show B (08:10)", or just the show when the card has no timestamp.</summary>
    public string Label => StartSeconds is { } s ? $"{Show} ({TimeLabel.Format(s)})" : Show;
}

/// <summary>What the pages, the ranking and the email need from dedupe clusters.</summary>
public static class InsightClusterQueries
{
    /// <summary>Cards that speak for themselves: not clustered, or the canonical card of their cluster.</summary>
    public static IQueryable<InsightCard> WhereCanonical(this IQueryable<InsightCard> cards) =>
        cards.Where(c => c.ClusterId == null || c.Cluster!.CanonicalCardId == c.Id);

    /// <summary>For each given card, the other cards of its cluster (other episodes), earliest quote first.</summary>
    public static async Task<IReadOnlyDictionary<long, IReadOnlyList<AlsoDiscussed>>> AlsoDiscussedAsync(
        PodBriefDbContext db, IEnumerable<long> cardIds, CancellationToken cancellationToken)
    {
        var ids = cardIds.Distinct().ToList();
        var clustered = await db.InsightCards
            .Where(c => ids.Contains(c.Id) && c.ClusterId != null)
            .Select(c => new { c.Id, c.ClusterId, c.EpisodeId })
            .ToListAsync(cancellationToken);
        var clusterIds = clustered.Select(c => c.ClusterId).Distinct().ToList();
        var members = await db.InsightCards
            .Where(c => clusterIds.Contains(c.ClusterId))
            .OrderBy(c => c.Id)
            .Select(c => new
            {
                c.Id,
                c.ClusterId,
                c.EpisodeId,
                c.PodcastId,
                Show = c.Episode!.Podcast!.Title,
                EpisodeTitle = c.Episode.Title,
                c.QuoteStartSeconds,
            })
            .ToListAsync(cancellationToken);
        var result = new Dictionary<long, IReadOnlyList<AlsoDiscussed>>();
        foreach (var card in clustered)
        {
            result[card.Id] = members
                .Where(m => m.ClusterId == card.ClusterId && m.Id != card.Id && m.EpisodeId != card.EpisodeId)
                .Select(m => new AlsoDiscussed(m.Id, m.PodcastId, m.Show ?? "another show", m.EpisodeTitle, m.QuoteStartSeconds))
                .ToList();
        }
        return result;
    }
}
