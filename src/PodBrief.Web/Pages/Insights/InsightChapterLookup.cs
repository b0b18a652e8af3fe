using Microsoft.EntityFrameworkCore;
using PodBrief.Core.Data;
using PodBrief.Core.Transcripts.Chapters;

namespace PodBrief.Web.Pages.Insights;

/// <summary>The publisher's chapter that is playing when a card's quote starts (feed text: the page HTML-encodes it).</summary>
public sealed class InsightChapterLookup(PodBriefDbContext db)
{
    public async Task<string?> TitleAtQuoteAsync(long cardId, CancellationToken cancellationToken)
    {
        var card = await db.InsightCards.AsNoTracking().Where(c => c.Id == cardId)
            .Select(c => new { c.EpisodeId, c.QuoteStartSeconds }).FirstOrDefaultAsync(cancellationToken);
        if (card?.QuoteStartSeconds is not { } seconds)
        {
            return null;
        }
        return (await EpisodeChapterQueries.CoveringAsync(db, card.EpisodeId, seconds, cancellationToken))?.Title;
    }
}
