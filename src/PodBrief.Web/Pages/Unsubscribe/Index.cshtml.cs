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

    /// <summary>
    /// No parameters on purpose: with none, nothing binds and the form is never read, so the route token alone names
    /// the subscriber. Issue 11: a body with a <c>token</c> field (form values bind before route values) or one the
    /// form reader rejects (<c>One-Click%00</c>, multipart without its closing boundary) made this answer 404.
    /// </summary>
    public async Task OnPostAsync()
    {
        var token = RouteData.Values["token"]?.ToString() ?? "";
        Valid = await subscriptions.UnsubscribeAsync(token, HttpContext.RequestAborted);
        Done = Valid;
        if (!Valid)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
    }
}
