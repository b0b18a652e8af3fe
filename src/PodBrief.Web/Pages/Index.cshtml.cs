using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using PodBrief.Core.Subscribers;
using PodBrief.Web.Hosting;
using PodBrief.Web.Pages.Insights;

namespace PodBrief.Web.Pages;

public sealed record TopicOption(string Slug, string Name);

/// <summary>The landing page and the signup POST. Every accepted POST renders the same "Check your inbox" page.</summary>
[EnableRateLimiting(SignupRateLimits.PolicyName)]
public class IndexModel(LandingInsights landing, AddressRateLimiter addressLimiter) : PageModel
{
    [BindProperty]
    public string? Email { get; set; }

    [BindProperty(Name = "Topics")]
    public List<string> SelectedTopics { get; set; } = [];

    [BindProperty]
    public string? TimeZone { get; set; }

    /// <summary>Honeypot: hidden from people, filled by naive bots.</summary>
    [BindProperty]
    public string? Website { get; set; }

    public bool Submitted { get; private set; }
    public string? EmailError { get; private set; }
    public IReadOnlyList<TopicOption> Topics { get; private set; } = [];
    public InsightCardView? Featured { get; private set; }
    public IReadOnlyList<InsightCardView> Related { get; private set; } = [];
    /// <summary>The card set's version (<see cref="LandingCards.Version"/>), the key of its rendered HTML.</summary>
    public string CardsVersion { get; private set; } = "";

    /// <summary>The plain GET is the same page for every visitor but for the form's antiforgery token: it may be kept
    /// and served again for its card set (<see cref="LandingPageCache"/>). Anything per visitor added to the GET view
    /// must not mark it.</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var version = await LoadAsync(cancellationToken);
        LandingPageCache.MarkCacheable(HttpContext, version);
    }

    /// <summary>The signup service (and its DbContext) only for a POST: the GET is served from memory (issue 13).</summary>
    public async Task<IActionResult> OnPostAsync([FromServices] SubscriptionService subscriptions, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(Website))
        {
            // Look exactly like success so the bot learns nothing.
            Submitted = true;
            return Page();
        }
        if (!EmailAddressNormalizer.TryNormalize(Email, out var typed, out var normalized))
        {
            EmailError = "Please enter a valid email address, like name@example.com.";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(cancellationToken);
            return Page();
        }
        if (addressLimiter.TryAcquire(normalized) is { } retryAfter)
        {
            SignupRateLimits.SetRetryAfter(Response, retryAfter);
            return StatusCode(StatusCodes.Status429TooManyRequests);
        }
        var topics = SelectedTopics.Where(t => t.Length <= 64).Take(100).ToList();
        await subscriptions.SignupAsync(typed, normalized, topics, TimeZone?.Trim(), cancellationToken);
        Submitted = true;
        return Page();
    }

    private async Task<long> LoadAsync(CancellationToken cancellationToken)
    {
        // From memory (LandingInsights): the landing page is the one page strangers load in bulk.
        var content = await landing.GetAsync(cancellationToken);
        Topics = content.Topics;
        Featured = content.Featured;
        Related = content.Related;
        CardsVersion = content.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return content.Version;
    }
}
