using Microsoft.EntityFrameworkCore;
using PodBrief.Core.Data;
using PodBrief.Core.Digests;
using PodBrief.Core.Feeds;
using PodBrief.Core.Subscribers;

namespace PodBrief.Web.Pages.Admin.Dashboard;

/// <summary>
/// The operator dashboard's numbers: per day over the last 30 UTC days (digests by state use the subscriber's local
/// date, which is the day the digest is for), and feed health now. Only dates and a key are loaded and grouped here,
/// which reads the same on SQLite and PostgreSQL and stays small at this horizon.
/// </summary>
public sealed class DashboardQueries(PodBriefDbContext db, TimeProvider clock)
{
    public const int Days = 30;

    public async Task<IReadOnlyList<BarChart>> LoadAsync(CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var days = Enumerable.Range(0, Days).Select(i => today.AddDays(i - Days + 1)).ToList();
        var since = days[0].ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var labels = days.Select(d => d.ToString("MM-dd", System.Globalization.CultureInfo.InvariantCulture)).ToList();

        var digests = await db.Digests.AsNoTracking().Where(d => d.LocalDate >= days[0])
            .Select(d => new { d.LocalDate, d.State }).ToListAsync(cancellationToken);
        var digestSeries = new (string Name, string Color, DigestState[] States)[]
        {
            ("sent", ChartColors.Green, [DigestState.Sent]),
            ("failed", ChartColors.Vermillion, [DigestState.Failed, DigestState.Unknown]),
            ("skipped or empty", ChartColors.Grey, [DigestState.Skipped, DigestState.Empty]),
        };

        var feedback = await db.Feedback.AsNoTracking().Where(f => f.CreatedAt >= since && f.UndoneAt == null
                && (f.Kind == FeedbackKind.Up || f.Kind == FeedbackKind.Down))
            .Select(f => new { f.CreatedAt, f.Kind }).ToListAsync(cancellationToken);
        var cards = await db.InsightCards.AsNoTracking().Where(c => c.CreatedAt >= since)
            .Select(c => new { c.CreatedAt, c.ExtractorName }).ToListAsync(cancellationToken);
        var spend = await db.LlmUsage.AsNoTracking().Where(u => u.OccurredAt >= since)
            .Select(u => new { u.OccurredAt, u.EstimatedCostUsd }).ToListAsync(cancellationToken);
        var extractors = cards.Select(c => c.ExtractorName ?? "unknown").Distinct().Order(StringComparer.Ordinal).ToList();

        return
        [
            new BarChart("chart-digests", "Digests per day", "digests", labels,
                digestSeries.Select(s => Series(s.Name, s.Color, days, digests.Where(d => s.States.Contains(d.State)).Select(d => d.LocalDate))).ToList()),
            new BarChart("chart-feedback", "Feedback per day", "votes", labels,
            [
                Series("up", ChartColors.Blue, days, feedback.Where(f => f.Kind == FeedbackKind.Up).Select(f => Day(f.CreatedAt))),
                Series("down", ChartColors.Orange, days, feedback.Where(f => f.Kind == FeedbackKind.Down).Select(f => Day(f.CreatedAt))),
            ]),
            new BarChart("chart-cards", "Cards per day by extractor", "cards", labels,
                extractors.Select((name, i) => Series(name, ChartColors.Cycle[i % ChartColors.Cycle.Length], days,
                    cards.Where(c => (c.ExtractorName ?? "unknown") == name).Select(c => Day(c.CreatedAt)))).ToList()),
            new BarChart("chart-llm-spend", "LLM spend per day", "USD", labels,
            [
                new ChartSeries("USD", ChartColors.Purple, days.Select(d => (double)spend.Where(u => Day(u.OccurredAt) == d).Sum(u => u.EstimatedCostUsd)).ToList()),
            ]),
            await FeedHealthAsync(cancellationToken),
        ];
    }

    private async Task<BarChart> FeedHealthAsync(CancellationToken cancellationToken)
    {
        var podcasts = await db.Podcasts.AsNoTracking().Where(p => p.AddedBy != PodcastSource.Sample)
            .Select(p => new { p.Status, p.ConsecutiveErrors }).ToListAsync(cancellationToken);
        var groups = new (string Name, string Color, int Count)[]
        {
            ("ok", ChartColors.Green, podcasts.Count(p => p.Status == PodcastStatus.Active && p.ConsecutiveErrors == 0)),
            ("erroring", ChartColors.Orange, podcasts.Count(p => p.Status == PodcastStatus.Active && p.ConsecutiveErrors > 0)),
            ("paused", ChartColors.Vermillion, podcasts.Count(p => p.Status == PodcastStatus.Paused)),
            ("blocked", ChartColors.Purple, podcasts.Count(p => p.Status == PodcastStatus.Blocked)),
            ("disabled", ChartColors.Grey, podcasts.Count(p => p.Status == PodcastStatus.Disabled)),
        };
        var labels = groups.Select(g => g.Name).ToList();
        // One series per category (zero elsewhere), so each bar has its own colour and legend entry.
        return new BarChart("chart-feed-health", "Feed health now", "podcasts", labels,
            groups.Select((g, i) => new ChartSeries(g.Name, g.Color, labels.Select((_, j) => j == i ? (double)g.Count : 0).ToList())).ToList());
    }

    private static DateOnly Day(DateTime utc) => DateOnly.FromDateTime(utc);

    private static ChartSeries Series(string name, string color, IReadOnlyList<DateOnly> days, IEnumerable<DateOnly> occurrences)
    {
        var counts = occurrences.CountBy(d => d).ToDictionary(p => p.Key, p => p.Value);
        return new ChartSeries(name, color, days.Select(d => (double)counts.GetValueOrDefault(d)).ToList());
    }
}
