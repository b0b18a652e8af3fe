using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PodBrief.Core.Data;
using PodBrief.Core.Subscribers;

namespace PodBrief.Web.Pages.Admin;

/// <summary>
/// /Admin/Subscribers: search by address, filter by status, 50 a page; each with its last digest and bounces, and the
/// operator's three actions (resend confirmation, unsubscribe, delete) as antiforgery-checked POSTs.
/// </summary>
public class SubscribersModel(PodBriefDbContext db, SubscriptionService subscriptions, SubscriberDataRights dataRights) : PageModel
{
    public const int PageSize = 50;

    public sealed record Row(long Id, string Email, SubscriberStatus Status, DateTime CreatedAt, DateTime? ConfirmedAt,
        int HardBounces, DateOnly? LastDigestDate, DigestState? LastDigestState, long? LastDigestId);

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public SubscriberStatus? Status { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var query = db.Subscribers.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Q))
        {
            // Addresses are stored normalized (lower case); a search is a substring of that.
            var needle = Q.Trim().ToLowerInvariant();
            query = query.Where(s => s.EmailNormalized.Contains(needle));
        }
        if (Status is { } status)
        {
            query = query.Where(s => s.Status == status);
        }
        Total = await query.CountAsync(cancellationToken);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        var page = await query.OrderByDescending(s => s.Id).Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(s => new
            {
                s.Id,
                s.Email,
                s.Status,
                s.CreatedAt,
                s.ConfirmedAt,
                s.HardBounceCount,
                Last = db.Digests.Where(d => d.SubscriberId == s.Id).OrderByDescending(d => d.LocalDate)
                    .Select(d => new { d.Id, d.LocalDate, d.State }).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        Rows = [.. page.Select(s => new Row(s.Id, s.Email, s.Status, s.CreatedAt, s.ConfirmedAt, s.HardBounceCount,
            s.Last?.LocalDate, s.Last?.State, s.Last?.Id))];
    }

    public async Task<IActionResult> OnPostResendAsync(long id, CancellationToken cancellationToken)
    {
        Message = await subscriptions.ResendConfirmationAsync(id, cancellationToken)
            ? $"Confirmation link queued for subscriber #{id}."
            : $"Subscriber #{id} is not pending confirmation; nothing sent.";
        return Back();
    }

    public async Task<IActionResult> OnPostUnsubscribeAsync(long id, CancellationToken cancellationToken)
    {
        Message = await subscriptions.UnsubscribeByIdAsync(id, cancellationToken)
            ? $"Subscriber #{id} is unsubscribed; no more digests."
            : $"Subscriber #{id} does not exist.";
        return Back();
    }

    public async Task<IActionResult> OnPostDeleteAsync(long id, CancellationToken cancellationToken)
    {
        await dataRights.DeleteAsync(id, cancellationToken);
        Message = $"Subscriber #{id} and everything that pointed at them are deleted.";
        return Back();
    }

    /// <summary>Post/redirect/get back to the same search and page.</summary>
    private RedirectToPageResult Back() => RedirectToPage(new { q = Q, status = Status, p = PageNumber });

    public string PageUrl(int page) => Url.Page("/Admin/Subscribers", new { q = Q, status = Status, p = page })!;
}
