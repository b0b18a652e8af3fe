using System.Numerics.Tensors;
using Microsoft.EntityFrameworkCore;
using PodBrief.Core.Common;
using PodBrief.Core.Data;
using PodBrief.Core.Insights;

namespace PodBrief.Web.Pages.Insights;

/// <summary>
/// A card as the pages show it. Links are checked to be http(s): feed text must never become a javascript: URL.
/// <see cref="Quote"/> is null when it would repeat the body and <see cref="Speaker"/> when the label is generic
/// (SPEAKER_2, Unknown, Jingle), so no page has to remember those rules.
/// </summary>
public sealed record InsightCardView(
    long Id, string Headline, string Body, string? Quote, string? Speaker, string? ShowTitle, string? EpisodeTitle,
    string ListenUrl, string ListenLabel, string? FundingUrl, string? FundingText, long? ClusterId,
    long PodcastId, long EpisodeId, string? EpisodePageUrl, string? AudioUrl, string? AudioType, long? StartSeconds,
    string? ImageUrl);

/// <summary>Read-side queries for the landing, insight, digest and feed pages.</summary>
public sealed class InsightCardQueries(PodBriefDbContext db, TimeProvider clock)
{
    /// <summary>Landing sample: best recent canonical cards, one per cluster, preferring grounded ones.</summary>
    public async Task<List<InsightCardView>> BestRecentAsync(int count, CancellationToken cancellationToken) =>
        await ByIdsAsync(await BestRecentIdsAsync(count, cancellationToken), cancellationToken);

    private async Task<List<long>> BestRecentIdsAsync(int count, CancellationToken cancellationToken)
    {
        var since = clock.GetUtcNow().UtcDateTime.AddDays(-30);
        var candidates = await db.InsightCards.AsNoTracking().WhereCanonical()
            .Where(c => c.CreatedAt >= since && c.RetiredAt == null)
            .OrderByDescending(c => c.Confidence == CardConfidence.High).ThenByDescending(c => c.Importance).ThenByDescending(c => c.Id)
            .Select(c => new { c.Id, c.ClusterId }).Take(count * 6).ToListAsync(cancellationToken);
        return candidates.DistinctBy(c => c.ClusterId ?? -c.Id).Take(count).Select(c => c.Id).ToList();
    }

    public async Task<InsightCardView?> FindAsync(long id, CancellationToken cancellationToken) =>
        (await ByIdsAsync([id], cancellationToken)).FirstOrDefault();

    /// <summary>
    /// Cards on the same theme (nearest by embedding, same model only), one per cluster, other shows first, then
    /// other episodes of the same show; never the card's own episode (issue 9 item 8). Without a vector: the
    /// best recent cards of other shows. The landing page asks for <paramref name="otherShowsOnly"/>.
    /// </summary>
    public async Task<List<InsightCardView>> RelatedAsync(long cardId, int count, CancellationToken cancellationToken, bool otherShowsOnly = false)
    {
        var card = await db.InsightCards.AsNoTracking().Where(c => c.Id == cardId)
            .Select(c => new { c.Embedding, c.EmbeddingModel, c.ClusterId, c.PodcastId, c.EpisodeId }).FirstOrDefaultAsync(cancellationToken);
        if (card is null)
        {
            return [];
        }
        if (card.Embedding is not { Length: > 0 } || card.EmbeddingModel is null)
        {
            var recent = await BestRecentAsync(count * 3, cancellationToken);
            return recent.Where(c => c.Id != cardId && c.EpisodeId != card.EpisodeId && !(otherShowsOnly && c.PodcastId == card.PodcastId))
                .OrderBy(c => c.PodcastId == card.PodcastId).Take(count).ToList();
        }
        var target = EmbeddingBytes.ToVector(card.Embedding);
        // Newest 2,000 cards are plenty for "related" on a page; a full scan belongs to the ranking, not a page view.
        var candidates = await db.InsightCards.AsNoTracking().WhereCanonical()
            .Where(c => c.Id != cardId && c.RetiredAt == null && c.EpisodeId != card.EpisodeId && c.EmbeddingModel == card.EmbeddingModel && c.Embedding != null)
            .Where(c => !otherShowsOnly || c.PodcastId != card.PodcastId)
            .OrderByDescending(c => c.Id).Take(2000)
            .Select(c => new { c.Id, c.ClusterId, c.PodcastId, c.Embedding }).ToListAsync(cancellationToken);
        var ids = candidates
            .Where(c => c.Embedding!.Length == card.Embedding.Length && (card.ClusterId is null || c.ClusterId != card.ClusterId))
            .Select(c => (c.Id, c.ClusterId, SameShow: c.PodcastId == card.PodcastId,
                Score: TensorPrimitives.Dot<float>(target, EmbeddingBytes.ToVector(c.Embedding))))
            .OrderByDescending(c => c.Score)
            .DistinctBy(c => c.ClusterId ?? -c.Id)
            .Take(count * 3)
            .OrderBy(c => c.SameShow).ThenByDescending(c => c.Score)
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
                c.PodcastId,
                c.EpisodeId,
                ShowTitle = c.Episode!.Podcast!.Title,
                EpisodeTitle = c.Episode.Title,
                c.Episode.Link,
                c.Episode.EnclosureUrl,
                c.Episode.EnclosureType,
                EpisodeFunding = c.Episode.FundingUrl,
                PodcastFunding = c.Episode.Podcast.FundingUrl,
                c.Episode.Podcast.FundingText,
                Image = c.Episode.Podcast.ImageUrl ?? c.Episode.ImageUrl,
            }).ToListAsync(cancellationToken);
        var byId = rows.ToDictionary(r => r.Id);
        return ids.Where(byId.ContainsKey).Select(id =>
        {
            var r = byId[id];
            var funding = ListenLink.SafeHttpUrl(r.EpisodeFunding) ?? ListenLink.SafeHttpUrl(r.PodcastFunding);
            var audio = ListenLink.SafeHttpUrl(r.EnclosureUrl);
            return new InsightCardView(r.Id, r.Headline, r.Body, CardPresentation.QuoteToShow(r.Body, r.Quote),
                CardPresentation.SpeakerToShow(r.Speaker), r.ShowTitle, r.EpisodeTitle,
                ListenLink.Build("", r.Id, r.Link, r.QuoteStartSeconds), TimeLabel.ListenFrom(r.QuoteStartSeconds),
                funding, funding is null ? null : r.FundingText, r.ClusterId, r.PodcastId, r.EpisodeId,
                ListenLink.SafeHttpUrl(r.Link), audio, audio is null ? null : SafeAudioType(r.EnclosureType),
                TimeLabel.WholeSeconds(r.QuoteStartSeconds), ListenLink.SafeHttpUrl(r.Image));
        }).ToList();
    }

    /// <summary>Only an audio/* or video/* MIME type goes into a type attribute; anything else lets the browser sniff.</summary>
    private static string? SafeAudioType(string? type) =>
        type is { Length: <= 64 } t && (t.StartsWith("audio/", StringComparison.OrdinalIgnoreCase) || t.StartsWith("video/", StringComparison.OrdinalIgnoreCase))
            && t.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '-' or '+' or '.')
            ? t
            : null;
}
