using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PodBrief.Core.Data;

namespace PodBrief.Web.Pages.Admin.Digests;

/// <summary>
/// /Admin/Digests: digests by state per local day (the last 30 days, counted in SQL so 100k a day stays cheap), and
/// the ones that need a look — failed, unknown, or waiting to retry after an error — with their reasons, 50 a page.
/// </summary>
public class IndexModel(PodBriefDbContext db, TimeProvider clock) : PageModel
{
    public const int Days = 30;
    public const int PageSize = 50;

    public static readonly DigestState[] Columns =
        [DigestState.Sent, DigestState.Pending, DigestState.Sending, DigestState.Failed, DigestState.Unknown, DigestState.Skipped, DigestState.Empty];

    public sealed record DayRow(DateOnly Date, IReadOnlyDictionary<DigestState, int> Counts);

    public sealed record Problem(long Id, string Email, DateOnly LocalDate, DigestState State, int Attempts, DateTime? NextAttemptAt, string? LastError);

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<DayRow> PerDay { get; private set; } = [];
    public IReadOnlyList<Problem> Problems { get; private set; } = [];
    public int ProblemTotal { get; private set; }
    public int PageCount => Math.Max(1, (ProblemTotal + PageSize - 1) / PageSize);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var from = today.AddDays(-Days + 1);
        var counts = await db.Digests.Where(d => d.LocalDate >= from)
            .GroupBy(d => new { d.LocalDate, d.State })
            .Select(g => new { g.Key.LocalDate, g.Key.State, Count = g.Count() })
            .ToListAsync(cancellationToken);
        PerDay = [.. counts.GroupBy(c => c.LocalDate).OrderByDescending(g => g.Key)
            .Select(g => new DayRow(g.Key, g.ToDictionary(c => c.State, c => c.Count)))];

        var problems = db.Digests.AsNoTracking().Where(d => d.State == DigestState.Failed || d.State == DigestState.Unknown
            || (d.State == DigestState.Pending && d.LastError != null));
        ProblemTotal = await problems.CountAsync(cancellationToken);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        Problems = await problems.OrderByDescending(d => d.Id).Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Join(db.Subscribers, d => d.SubscriberId, s => s.Id, (d, s) => new Problem(d.Id, s.Email, d.LocalDate, d.State, d.Attempts, d.NextAttemptAt, d.LastError))
            .ToListAsync(cancellationToken);
    }

    public string PageUrl(int page) => Url.Page("/Admin/Digests/Index", new { p = page })!;

    /// <summary>"waiting to retry" reads better than "Pending" next to an error.</summary>
    public static string Describe(DigestState state) => state == DigestState.Pending ? "waiting to retry" : state.ToString();
}
