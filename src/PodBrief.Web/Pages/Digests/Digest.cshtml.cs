using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PodBrief.Core.Data;
using PodBrief.Core.Subscribers;
using PodBrief.Web.Pages.Insights;

namespace PodBrief.Web.Pages.Digests;

public sealed record DigestItemView(long ItemId, string WhyLine, InsightCardView Card);

/// <summary>The web view of one digest, reached from the email with the subscriber's settings token.</summary>
public class DigestModel(PodBriefDbContext db, SubscriptionService subscriptions, InsightCardQueries cards) : PageModel
{
    public string Token { get; private set; } = "";
    public Digest? Digest { get; private set; }
    public List<DigestItemView> Items { get; private set; } = [];

    public async Task OnGetAsync(long id, string token, CancellationToken cancellationToken)
    {
        Token = token;
        var subscriber = await subscriptions.FindByManageTokenAsync(token, cancellationToken);
        Digest = subscriber is null ? null : await db.Digests.AsNoTracking().Include(d => d.Items)
            .FirstOrDefaultAsync(d => d.Id == id && d.SubscriberId == subscriber.Id, cancellationToken);
        if (Digest is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        var ordered = Digest.Items.OrderBy(i => i.Position).ToList();
        var views = (await cards.ByIdsAsync(ordered.Select(i => i.InsightCardId).ToList(), cancellationToken)).ToDictionary(c => c.Id);
        Items = ordered.Where(i => views.ContainsKey(i.InsightCardId)).Select(i => new DigestItemView(i.Id, i.WhyLine, views[i.InsightCardId])).ToList();
    }

    public static string Title(Digest digest) =>
        "Your brief for " + digest.LocalDate.ToString("dddd, d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture);
}
