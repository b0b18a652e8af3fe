using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PodBrief.Core.Data;
using PodBrief.Core.Subscribers;

namespace PodBrief.Web.Pages.Digests;

public sealed record ArchiveEntry(long Id, DateOnly LocalDate, DigestState State, int ItemCount);

/// <summary>The subscriber's past digests (sent, or empty days), newest first.</summary>
public class ArchiveModel(PodBriefDbContext db, SubscriptionService subscriptions) : PageModel
{
    public string Token { get; private set; } = "";
    public bool Valid { get; private set; }
    public List<ArchiveEntry> Entries { get; private set; } = [];

    public async Task OnGetAsync(string token, CancellationToken cancellationToken)
    {
        Token = token;
        var subscriber = await subscriptions.FindByManageTokenAsync(token, cancellationToken);
        Valid = subscriber is not null;
        if (subscriber is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        Entries = await db.Digests.AsNoTracking()
            .Where(d => d.SubscriberId == subscriber.Id && (d.State == DigestState.Sent || d.State == DigestState.Empty || d.State == DigestState.Unknown))
            .OrderByDescending(d => d.LocalDate).Take(90)
            .Select(d => new ArchiveEntry(d.Id, d.LocalDate, d.State, d.Items.Count)).ToListAsync(cancellationToken);
    }
}
