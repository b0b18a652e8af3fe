using System.Globalization;
using System.Numerics.Tensors;
using Microsoft.EntityFrameworkCore;
using PodBrief.Core.Data;
using PodBrief.Core.Insights;

namespace PodBrief.Web.Pages.Insights;

/// <summary>A card as the pages show it. Links are checked to be http(s): feed text must never become a javascript: URL.</summary>
public sealed record InsightCardView(
    long Id, string Headline, string Body, string Quote, string? Speaker, string? ShowTitle, string? EpisodeTitle,
    string? ListenUrl, string ListenLabel, string? FundingUrl, string? FundingText, long? ClusterId);

/// <summary>Read-side queries for the landing, insight, and digest pages.</summary>
public sealed class InsightCardQueries(PodBriefDbContext db, TimeProvider clock)
{
    /// <summary>Landing sample: best recent cards, one per cluster, preferring grounded ones.</summary>
    public async Task<List<InsightCardView>> BestRecentAsync(int count, CancellationToken cancellationToken)
    {
        var since = clock.GetUtcNow().UtcDateTime.AddDays(-30);
        var candidates = await db.InsightCards.AsNoTracking()
            .Where(c => c.CreatedAt >= since)
            .OrderByDescending(c => c.Confidence == CardConfidence.High).ThenByDescending(c => c.Importance).ThenByDescending(c => c.Id)
            .Select(c => new { c.Id, c.ClusterId }).Take(count * 6).ToListAsync(cancellationToken);
        var ids = candidates.DistinctBy(c => c.ClusterId ?? -c.Id).Take(count).Select(c => c.Id).ToList();
        return await ByIdsAsync(ids, cancellationToken);
    }

    public async Task<InsightCardView?> FindAsync(long id, CancellationToken cancellationToken) =>
        (await ByIdsAsync([id], cancellationToken)).FirstOrDefault();

    /// <summary>Nearest cards by embedding (same model only), one per cluster; best recent cards when the card has no vector.</summary>
    public async Task<List<InsightCardView>> RelatedAsync(long cardId, int count, CancellationToken cancellationToken)
    {
        var card = await db.InsightCards.AsNoTracking().Where(c => c.Id == cardId)
            .Select(c => new { c.Embedding, c.EmbeddingModel, c.ClusterId }).FirstOrDefaultAsync(cancellationToken);
        if (card?.Embedding is not { Length: > 0 } || card.EmbeddingModel is null)
        {
            return (await BestRecentAsync(count + 1, cancellationToken)).Where(c => c.Id != cardId).Take(count).ToList();
        }
        var target = EmbeddingBytes.ToVector(card.Embedding);
        // Newest 2,000 cards are plenty for "related" on a page; a full scan belongs to the ranking, not a page view.
        var candidates = await db.InsightCards.AsNoTracking()
            .Where(c => c.Id != cardId && c.EmbeddingModel == card.EmbeddingModel && c.Embedding != null)
            .OrderByDescending(c => c.Id).Take(2000)
            .Select(c => new { c.Id, c.ClusterId, c.Embedding }).ToListAsync(cancellationToken);
        var ids = candidates
            .Where(c => c.Embedding!.Length == card.Embedding.Length && (card.ClusterId is null || c.ClusterId != card.ClusterId))
            .Select(c => (c.Id, c.ClusterId, Score: TensorPrimitives.Dot<float>(target, EmbeddingBytes.ToVector(c.Embedding))))
            .OrderByDescending(c => c.Score)
            .DistinctBy(c => c.ClusterId ?? -c.Id)
            .Take(count).Select(c => c.Id).ToList();
        return await ByIdsAsync(ids, cancellationToken);
    }

    /// <summary>Cards in the order of <paramref name="ids"/>.</summary>
    public async Task<List<InsightCardView>> ByIdsAsync(IReadOnlyList<long> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }
        var rows = await db.InsightCards.AsNoTracking().Where(c => ids.Contains(c.Id))
            .Select(c => new
            {
                c.Id,
                c.Headline,
                c.Body,
                c.Quote,
                c.Speaker,
                c.QuoteStartSeconds,
                c.ClusterId,
                ShowTitle = c.Episode!.Podcast!.Title,
                EpisodeTitle = c.Episode.Title,
                c.Episode.Link,
                c.Episode.EnclosureUrl,
                EpisodeFunding = c.Episode.FundingUrl,
                PodcastFunding = c.Episode.Podcast.FundingUrl,
                c.Episode.Podcast.FundingText,
            }).ToListAsync(cancellationToken);
        var byId = rows.ToDictionary(r => r.Id);
        return ids.Where(byId.ContainsKey).Select(id =>
        {
            var r = byId[id];
            var episodeUrl = SafeHttpUrl(r.Link) ?? SafeHttpUrl(r.EnclosureUrl);
            var seconds = r.QuoteStartSeconds is { } s && s >= 0 && s < 1_000_000 ? (int)s : (int?)null;
            var listenUrl = episodeUrl is null ? null : seconds is null ? episodeUrl : $"{episodeUrl.Split('#')[0]}#t={seconds}";
            var label = seconds is null ? "Listen to the episode" : "Listen from " + FormatTimestamp(seconds.Value);
            var funding = SafeHttpUrl(r.EpisodeFunding) ?? SafeHttpUrl(r.PodcastFunding);
            return new InsightCardView(r.Id, r.Headline, r.Body, r.Quote, r.Speaker, r.ShowTitle, r.EpisodeTitle, listenUrl, label,
                funding, funding is null ? null : r.FundingText, r.ClusterId);
        }).ToList();
    }

    /// <summary>12:34, or 1:02:03 past the hour.</summary>
    public static string FormatTimestamp(int seconds)
    {
        var t = TimeSpan.FromSeconds(seconds);
        return t.TotalHours >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalHours}:{t.Minutes:00}:{t.Seconds:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{t.Minutes:00}:{t.Seconds:00}");
    }

    public static string? SafeHttpUrl(string? url) =>
        Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri.AbsoluteUri
            : null;
}
