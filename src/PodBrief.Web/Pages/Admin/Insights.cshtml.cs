using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PodBrief.Core.Data;
using PodBrief.Core.Insights.Quality;

namespace PodBrief.Web.Pages.Admin;

/// <summary>LLM spend (today and this month, per model) and where each episode's extraction stands.</summary>
public class InsightsModel(PodBriefDbContext db, TimeProvider clock) : PageModel
{
    public sealed record ModelSpend(string Model, string Operation, int Calls, int Failed, long InputTokens, long OutputTokens, long CachedTokens, decimal CostUsd);

    public sealed record EpisodeLine(long Id, string? Title, ExtractionStatus Status, string? LastError, DateTime? NextAttemptAt);

    public sealed record DropLine(long Id, string? Title, int Dropped, IReadOnlyDictionary<string, int> Reasons);

    public sealed record DropReason(string Key, string Description, int Count);

    public IReadOnlyList<ModelSpend> Today { get; private set; } = [];
    public IReadOnlyList<ModelSpend> Month { get; private set; } = [];
    public IReadOnlyDictionary<ExtractionStatus, int> EpisodeCounts { get; private set; } = new Dictionary<ExtractionStatus, int>();
    public IReadOnlyList<EpisodeLine> Waiting { get; private set; } = [];
    public IReadOnlyList<EpisodeLine> Failed { get; private set; } = [];
    public DateTime Now { get; private set; }
    /// <summary>Cards dropped at screening, by reason, over the episodes listed in <see cref="Drops"/>.</summary>
    public IReadOnlyList<DropReason> DropReasons { get; private set; } = [];
    public IReadOnlyList<DropLine> Drops { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Now = clock.GetUtcNow().UtcDateTime;
        var monthStart = new DateTime(Now.Year, Now.Month, 1, 0, 0, 0, DateTimeKind.Utc);
        // Grouped here rather than in SQL: SQLite cannot sum decimals, and a month is a bounded number of rows.
        var rows = await db.LlmUsage.AsNoTracking().Where(u => u.OccurredAt >= monthStart).ToListAsync(cancellationToken);
        Month = Summarize(rows);
        Today = Summarize(rows.Where(u => u.OccurredAt >= Now.Date));
        EpisodeCounts = await db.Episodes.GroupBy(e => e.ExtractionStatus)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        Waiting = await Lines(ExtractionStatus.Waiting, cancellationToken);
        Failed = await Lines(ExtractionStatus.Failed, cancellationToken);
        var drops = await db.Episodes.AsNoTracking().Where(e => e.ExtractionCardsDropped > 0)
            .OrderByDescending(e => e.ExtractedAt).Take(100)
            .Select(e => new { e.Id, e.Title, e.ExtractionCardsDropped, e.ExtractionDropReasons })
            .ToListAsync(cancellationToken);
        Drops = [.. drops.Select(d => new DropLine(d.Id, d.Title, d.ExtractionCardsDropped, DropTally.Parse(d.ExtractionDropReasons)))];
        DropReasons = [.. Drops.SelectMany(d => d.Reasons).GroupBy(kv => kv.Key)
            .Select(g => new DropReason(g.Key, DropTally.Describe(g.Key), g.Sum(kv => kv.Value)))
            .OrderByDescending(r => r.Count).ThenBy(r => r.Key, StringComparer.Ordinal)];
    }

    private Task<List<EpisodeLine>> Lines(ExtractionStatus status, CancellationToken cancellationToken) =>
        db.Episodes.AsNoTracking().Where(e => e.ExtractionStatus == status)
            .OrderByDescending(e => e.UpdatedAt).Take(50)
            .Select(e => new EpisodeLine(e.Id, e.Title, e.ExtractionStatus, e.ExtractionLastError, e.ExtractionNextAttemptAt))
            .ToListAsync(cancellationToken);

    private static List<ModelSpend> Summarize(IEnumerable<LlmUsage> rows) =>
        [.. rows.GroupBy(u => (u.Model, u.Operation))
            .Select(g => new ModelSpend(g.Key.Model, g.Key.Operation, g.Count(), g.Count(u => !u.Succeeded),
                g.Sum(u => (long)u.InputTokens), g.Sum(u => (long)u.OutputTokens), g.Sum(u => (long)u.CachedInputTokens),
                g.Sum(u => u.EstimatedCostUsd)))
            .OrderByDescending(s => s.CostUsd).ThenBy(s => s.Model, StringComparer.Ordinal)];
}
