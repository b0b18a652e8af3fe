using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using PodBrief.Core.Subscribers;
using PodBrief.Web.Hosting;

namespace PodBrief.Web.Pages.Subscribe;

/// <summary>"Email me my settings link": the same answer for every address, known or not.</summary>
[EnableRateLimiting(SignupRateLimits.PolicyName)]
public class ManageModel(SubscriptionService subscriptions, AddressRateLimiter addressLimiter) : PageModel
{
    [BindProperty]
    public string? Email { get; set; }

    public bool Submitted { get; private set; }
    public string? EmailError { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!EmailAddressNormalizer.TryNormalize(Email, out _, out var normalized))
        {
            EmailError = "Please enter a valid email address, like name@example.com.";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        if (addressLimiter.TryAcquire(normalized) is { } retryAfter)
        {
            SignupRateLimits.SetRetryAfter(Response, retryAfter);
            return StatusCode(StatusCodes.Status429TooManyRequests);
        }
        await subscriptions.RequestManageLinkAsync(normalized, cancellationToken);
        Submitted = true;
        return Page();
    }
}
