using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PodBrief.Core.Data;
using PodBrief.Web.Pages.Digests;
using PodBrief.Web.Pages.Insights;

namespace PodBrief.Web.Pages.Admin.Digests;

/// <summary>
/// A digest's web view as the operator sees it: the same cards and "why" lines the subscriber's page shows, plus
/// state and error. No subscriber token is issued or needed, and there are no feedback links (an operator's click
/// must not count as the subscriber's vote).
/// </summary>
public class ViewModel(PodBriefDbContext db, InsightCardQueries cards) : PageModel
{
    public Digest? Digest { get; private set; }
    public string? Email { get; private set; }
    public List<DigestItemView> Items { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        Digest = await db.Digests.AsNoTracking().Include(d => d.Items).FirstOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (Digest is null)
        {
            return NotFound();
        }
        Email = await db.Subscribers.Where(s => s.Id == Digest.SubscriberId).Select(s => s.Email).FirstOrDefaultAsync(cancellationToken);
        var ordered = Digest.Items.OrderBy(i => i.Position).ToList();
        var views = (await cards.ByIdsAsync([.. ordered.Select(i => i.InsightCardId)], cancellationToken)).ToDictionary(c => c.Id);
        Items = [.. ordered.Where(i => views.ContainsKey(i.InsightCardId)).Select(i => new DigestItemView(i.Id, i.WhyLine, views[i.InsightCardId]))];
        return Page();
    }
}
