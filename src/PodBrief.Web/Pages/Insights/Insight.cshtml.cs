using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace PodBrief.Web.Pages.Insights;

/// <summary>One insight card with its quote, a "listen from" link and related cards.</summary>
public class InsightModel(InsightCardQueries cards, InsightChapterLookup chapters) : PageModel
{
    public InsightCardView? Card { get; private set; }
    public List<InsightCardView> Related { get; private set; } = [];
    /// <summary>The publisher's chapter covering the quote, if the feed has chapters.</summary>
    public string? Chapter { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        Card = await cards.FindAsync(id, cancellationToken);
        if (Card is null)
        {
            return NotFound();
        }
        Chapter = await chapters.TitleAtQuoteAsync(id, cancellationToken);
        Related = await cards.RelatedAsync(id, 4, cancellationToken);
        return Page();
    }
}
