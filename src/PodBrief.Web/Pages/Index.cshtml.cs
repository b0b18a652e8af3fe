using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PodBrief.Core.Subscribers;
using PodBrief.Web.Hosting;
using PodBrief.Web.Pages.Insights;

namespace PodBrief.Web.Pages;

public sealed record TopicOption(string Slug, string Name);

/// <summary>The landing page and the signup POST. Every accepted POST renders the same "Check your inbox" page.</summary>
public class IndexModel(LandingInsights landing, SubscriptionService subscriptions, AddressRateLimiter addressLimiter) : PageModel
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

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
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

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        // From memory (LandingInsights): the landing page is the one page strangers load in bulk.
        var content = await landing.GetAsync(cancellationToken);
        Topics = content.Topics;
        Featured = content.Featured;
        Related = content.Related;
    }
}
