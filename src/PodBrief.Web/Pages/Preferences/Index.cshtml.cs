using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PodBrief.Core.Data;
using PodBrief.Core.Digests.PrivateFeed;
using PodBrief.Core.Feeds;
using PodBrief.Core.Subscribers;
using PodBrief.Web.Pages.Shared;

namespace PodBrief.Web.Pages.Preferences;

/// <summary>Settings reached by a magic link: topics, interests, shows, schedule, reset, export, delete.</summary>
public class IndexModel(
    PodBriefDbContext db,
    SubscriptionService subscriptions,
    PreferencesService preferences,
    SubscriberDataRights dataRights,
    PrivateFeedService privateFeeds,
    LikedCardsMarkdown likedCards,
    SubscriberLinks links,
    IServiceProvider services,
    ILogger<IndexModel> logger) : PageModel
{
    [BindProperty(Name = "Topics")]
    public List<string> SelectedTopics { get; set; } = [];
    [BindProperty]
    public string? Interests { get; set; }
    [BindProperty]
    public string? DeliveryTime { get; set; }
    [BindProperty]
    public string? TimeZone { get; set; }
    [BindProperty]
    public string? Frequency { get; set; }
    [BindProperty]
    public string? WeeklyDay { get; set; }

    public string Token { get; private set; } = "";
    public Subscriber? Subscriber { get; private set; }
    public List<TopicOption> Topics { get; private set; } = [];
    public List<ShowPreference> Shows { get; private set; } = [];
    public List<ShowSearchHit> SearchHits { get; private set; } = [];
    public string? Query { get; private set; }
    public Dictionary<string, string> Errors { get; private set; } = [];
    public string? StatusMessage { get; private set; }
    public string? ShowError { get; private set; }
    public bool Deleted { get; private set; }
    public bool FeedActive { get; private set; }
    /// <summary>Set only in the response that made the feed: the token is stored hashed and cannot be shown again.</summary>
    public string? NewFeedRssUrl { get; private set; }
    public string? NewFeedJsonUrl { get; private set; }
    public IReadOnlyList<TimeZoneChoice> TimeZones => TimeZoneChoice.All;

    public async Task<IActionResult> OnGetAsync(string token, string? q, string? saved, string? welcome, CancellationToken cancellationToken)
    {
        if (!await LoadSubscriberAsync(token, cancellationToken))
        {
            return InvalidLink();
        }
        Query = q?.Trim();
        StatusMessage = saved switch
        {
            "1" => "Saved",
            "reset" => "Saved — personalization reset",
            "show" => "Saved — shows updated",
            "feed-revoked" => "Your private feed address is revoked: it no longer works.",
            _ => welcome == "1" ? "You are subscribed. Pick your topics and delivery time below." : null,
        };
        FillFormFromSubscriber();
        await LoadListsAsync(cancellationToken);
        SearchHits = await preferences.SearchShowsAsync(Query, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        if (!await LoadSubscriberAsync(token, cancellationToken))
        {
            return InvalidLink();
        }
        var input = new PreferencesInput
        {
            Topics = SelectedTopics,
            Interests = Interests,
            DeliveryTime = DeliveryTime,
            TimeZone = TimeZone,
            Frequency = Frequency,
            WeeklyDay = WeeklyDay,
        };
        Errors = await preferences.SaveAsync(Subscriber!, input, cancellationToken);
        if (Errors.Count == 0)
        {
            return SeeOther.To(Response, $"/preferences/{token}?saved=1");
        }
        Response.StatusCode = StatusCodes.Status400BadRequest;
        await LoadListsAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostShowAsync(string token, long podcastId, string? preference, CancellationToken cancellationToken)
    {
        if (!await LoadSubscriberAsync(token, cancellationToken))
        {
            return InvalidLink();
        }
        if (preference is not ("follow" or "mute" or "remove"))
        {
            return StatusCode(StatusCodes.Status400BadRequest);
        }
        PodcastPreference? choice = preference switch
        {
            "follow" => PodcastPreference.Followed,
            "mute" => PodcastPreference.Muted,
            _ => null,
        };
        await preferences.SetShowAsync(Subscriber!.Id, podcastId, choice, cancellationToken);
        return SeeOther.To(Response, $"/preferences/{token}?saved=show#shows");
    }

    public async Task<IActionResult> OnPostAddFeedAsync(string token, string? feedUrl, CancellationToken cancellationToken)
    {
        if (!await LoadSubscriberAsync(token, cancellationToken))
        {
            return InvalidLink();
        }
        ShowError = await AddFeedAsync(feedUrl, cancellationToken);
        if (ShowError is null)
        {
            return SeeOther.To(Response, $"/preferences/{token}?saved=show#shows");
        }
        Response.StatusCode = StatusCodes.Status400BadRequest;
        FillFormFromSubscriber();
        await LoadListsAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostResetAsync(string token, CancellationToken cancellationToken)
    {
        if (!await LoadSubscriberAsync(token, cancellationToken))
        {
            return InvalidLink();
        }
        await preferences.ResetPersonalizationAsync(Subscriber!, cancellationToken);
        return SeeOther.To(Response, $"/preferences/{token}?saved=reset");
    }

    public async Task<IActionResult> OnPostExportAsync(string token, CancellationToken cancellationToken)
    {
        if (!await LoadSubscriberAsync(token, cancellationToken))
        {
            return InvalidLink();
        }
        var json = await dataRights.ExportJsonAsync(Subscriber!.Id, cancellationToken);
        return File(json, "application/json", "podbrief-my-data.json");
    }

    /// <summary>Markdown of the cards the subscriber liked, for their notes.</summary>
    public async Task<IActionResult> OnPostExportLikedAsync(string token, CancellationToken cancellationToken)
    {
        if (!await LoadSubscriberAsync(token, cancellationToken))
        {
            return InvalidLink();
        }
        var markdown = await likedCards.RenderAsync(Subscriber!.Id, cancellationToken);
        return File(System.Text.Encoding.UTF8.GetBytes(markdown), "text/markdown; charset=utf-8", "podbrief-liked-insights.md");
    }

    /// <summary>Makes a new private feed address (revoking any earlier one) and shows it, once.</summary>
    public async Task<IActionResult> OnPostFeedAsync(string token, CancellationToken cancellationToken)
    {
        if (!await LoadSubscriberAsync(token, cancellationToken))
        {
            return InvalidLink();
        }
        var feedToken = await privateFeeds.CreateAsync(Subscriber!.Id, cancellationToken);
        NewFeedRssUrl = links.PrivateFeedRss(feedToken);
        NewFeedJsonUrl = links.PrivateFeedJson(feedToken);
        StatusMessage = "Your private feed is ready. Copy its address now: for your safety we show it only once.";
        FillFormFromSubscriber();
        await LoadListsAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeFeedAsync(string token, CancellationToken cancellationToken)
    {
        if (!await LoadSubscriberAsync(token, cancellationToken))
        {
            return InvalidLink();
        }
        await privateFeeds.RevokeAsync(Subscriber!.Id, cancellationToken);
        return SeeOther.To(Response, $"/preferences/{token}?saved=feed-revoked#feed");
    }

    public async Task<IActionResult> OnPostDeleteAsync(string token, string? confirmDelete, CancellationToken cancellationToken)
    {
        if (!await LoadSubscriberAsync(token, cancellationToken))
        {
            return InvalidLink();
        }
        if (confirmDelete != "yes")
        {
            Errors["ConfirmDelete"] = "Tick the box to confirm that you want to delete your account.";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            FillFormFromSubscriber();
            await LoadListsAsync(cancellationToken);
            return Page();
        }
        await dataRights.DeleteAsync(Subscriber!.Id, cancellationToken);
        Deleted = true;
        Subscriber = null;
        return Page();
    }

    private async Task<string?> AddFeedAsync(string? feedUrl, CancellationToken cancellationToken)
    {
        var url = feedUrl?.Trim();
        if (string.IsNullOrEmpty(url) || url.Length > 2000 || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return "Enter the full address of a podcast feed, starting with https://.";
        }
        // The same validation path as the operator's (SSRF guard included).
        var catalog = services.GetRequiredService<IPodcastCatalog>();
        AddPodcastResult result;
        try
        {
            result = await catalog.AddAsync(url, PodcastSource.Subscriber, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or InvalidOperationException or IOException or TaskCanceledException)
        {
            logger.LogWarning(e, "Adding a feed for subscriber {SubscriberId} failed", Subscriber!.Id);
            return "We could not read that feed. Check the address and try again later.";
        }
        if (!result.Succeeded)
        {
            return result.Error ?? "We could not add that feed.";
        }
        await preferences.SetShowAsync(Subscriber!.Id, result.Podcast!.Id, PodcastPreference.Followed, cancellationToken);
        return null;
    }

    private async Task<bool> LoadSubscriberAsync(string token, CancellationToken cancellationToken)
    {
        Token = token;
        Subscriber = await subscriptions.FindByManageTokenAsync(token, cancellationToken);
        return Subscriber is not null;
    }

    private IActionResult InvalidLink()
    {
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }

    private void FillFormFromSubscriber()
    {
        var s = Subscriber!;
        Interests = s.Interests;
        DeliveryTime = s.DeliveryTimeLocal.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        TimeZone = s.TimeZoneId;
        Frequency = PreferencesService.FrequencySlug(s.Frequency);
        WeeklyDay = s.WeeklyDay.ToString().ToLowerInvariant();
    }

    private async Task LoadListsAsync(CancellationToken cancellationToken)
    {
        Topics = await db.Topics.AsNoTracking().Where(t => t.IsActive).OrderBy(t => t.SortOrder).ThenBy(t => t.Name)
            .Select(t => new TopicOption(t.Slug, t.Name)).ToListAsync(cancellationToken);
        if (Errors.Count == 0 || SelectedTopics.Count == 0)
        {
            var ids = await preferences.TopicIdsAsync(Subscriber!.Id, cancellationToken);
            SelectedTopics = await db.Topics.Where(t => ids.Contains(t.Id)).Select(t => t.Slug).ToListAsync(cancellationToken);
        }
        Shows = await preferences.ShowsAsync(Subscriber!.Id, cancellationToken);
        FeedActive = await privateFeeds.IsActiveAsync(Subscriber!.Id, cancellationToken);
    }
}
