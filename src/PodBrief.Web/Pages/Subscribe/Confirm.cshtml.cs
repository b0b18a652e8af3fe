using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PodBrief.Core.Subscribers;
using PodBrief.Web.Pages.Shared;

namespace PodBrief.Web.Pages.Subscribe;

/// <summary>Double opt-in. GET only shows a button (mail scanners prefetch links); POST confirms.</summary>
public class ConfirmModel(SubscriptionService subscriptions) : PageModel
{
    public bool Valid { get; private set; } = true;

    public async Task OnGetAsync(string token, CancellationToken cancellationToken)
    {
        Valid = await subscriptions.IsConfirmTokenValidAsync(token, cancellationToken);
        if (!Valid)
        {
            Response.StatusCode = StatusCodes.Status410Gone;
        }
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        var manageToken = await subscriptions.ConfirmAsync(token, HttpContext.Connection.RemoteIpAddress?.ToString(), cancellationToken);
        if (manageToken is null)
        {
            Valid = false;
            Response.StatusCode = StatusCodes.Status410Gone;
            return Page();
        }
        // 303: the browser follows with a GET, so a reload does not repost.
        return SeeOther.To(Response, "/preferences/" + manageToken + "?welcome=1");
    }
}
