using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PodBrief.Core.Subscribers;

namespace PodBrief.Web.Pages.Unsubscribe;

/// <summary>
/// RFC 8058 one-click unsubscribe. Mail providers POST "List-Unsubscribe=One-Click" without cookies, as
/// form-urlencoded or multipart, so this POST has no antiforgery check: the secret token is the authority, and
/// the action is harmless and idempotent. It answers 200 with a page, never a redirect. GET only shows the button.
/// </summary>
[IgnoreAntiforgeryToken]
public class IndexModel(SubscriptionService subscriptions) : PageModel
{
    public bool Valid { get; private set; } = true;
    public bool Done { get; private set; }

    public async Task OnGetAsync(string token, CancellationToken cancellationToken)
    {
        Valid = await subscriptions.IsUnsubscribeTokenValidAsync(token, cancellationToken);
        if (!Valid)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
    }

    public async Task OnPostAsync(string token, CancellationToken cancellationToken)
    {
        // The body ("List-Unsubscribe=One-Click") is not read: whatever its encoding, the POST itself is the request.
        Valid = await subscriptions.UnsubscribeAsync(token, cancellationToken);
        Done = Valid;
        if (!Valid)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
    }
}
