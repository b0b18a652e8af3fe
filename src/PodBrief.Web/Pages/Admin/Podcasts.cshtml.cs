using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PodBrief.Core.Data;
using PodBrief.Core.Feeds;
using PodBrief.Core.Feeds.Catalog;

namespace PodBrief.Web.Pages.Admin;

/// <summary>/Admin/Podcasts: every podcast with where it stands and why, plus add-by-URL and OPML upload.</summary>
public class PodcastsModel(PodBriefDbContext db, IPodcastCatalog catalog, OpmlImporter importer) : PageModel
{
    private const long MaxOpmlBytes = 2 * 1024 * 1024;

    public IReadOnlyList<PodcastOverviewRow> Podcasts { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    [TempData]
    public bool MessageIsError { get; set; }

    [BindProperty]
    public string? FeedUrl { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Podcasts = await PodcastOverview.LoadAsync(db, cancellationToken);

    public async Task<IActionResult> OnPostAddAsync(CancellationToken cancellationToken)
    {
        var result = await catalog.AddAsync(FeedUrl ?? "", PodcastSource.Operator, cancellationToken);
        (Message, MessageIsError) = result.Succeeded
            ? ($"Added “{result.Podcast!.Title ?? result.Podcast.FeedUrl}”.", false)
            : ($"Not added: {result.Error}", true);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostImportAsync(IFormFile? opml, CancellationToken cancellationToken)
    {
        if (opml is null || opml.Length == 0 || opml.Length > MaxOpmlBytes)
        {
            (Message, MessageIsError) = ("Choose an OPML file (at most 2 MB).", true);
            return RedirectToPage();
        }
        try
        {
            await using var stream = opml.OpenReadStream();
            var result = await importer.ImportAsync(stream, cancellationToken);
            (Message, MessageIsError) = ($"OPML: {result.Added} added, {result.AlreadyKnown} already known, {result.Rejected.Count} rejected. New podcasts are fetched by the next poll.", false);
        }
        catch (FormatException ex)
        {
            (Message, MessageIsError) = (ex.Message, true);
        }
        return RedirectToPage();
    }

    public static string StatusClass(PodcastOverviewRow row) => row.Status switch
    {
        PodcastStatus.Active when row.ConsecutiveErrors > 0 => "status-warn",
        PodcastStatus.Active => "status-ok",
        PodcastStatus.Blocked => "status-muted",
        _ => "status-bad",
    };
}
