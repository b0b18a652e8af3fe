using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PodBrief.Core.Common;
using PodBrief.Core.Common.Text;
using PodBrief.Core.Data;

namespace PodBrief.Core.Insights.Llm;

/// <summary>
/// Writes one <see cref="LlmUsage"/> row per LLM/embedding call (successful or not) and answers "how much have
/// we spent today" for the daily budget cap. Days are UTC days, so the cap resets at 00:00 UTC.
/// </summary>
public sealed class LlmUsageLedger(IServiceScopeFactory scopes, TimeProvider clock, IOptions<LlmOptions> options)
{
    public async Task RecordAsync(string model, string operation, long? episodeId, UsageDetails? usage, string? error,
        CancellationToken cancellationToken)
    {
        var input = (int)(usage?.InputTokenCount ?? 0);
        var output = (int)(usage?.OutputTokenCount ?? 0);
        var cached = (int)(usage?.CachedInputTokenCount ?? 0);
        var cost = EstimateCost(model, input, output, cached);
        var modelTag = new KeyValuePair<string, object?>("model", model);
        PodBriefTelemetry.LlmTokens.Add(input, modelTag, new("kind", "input"));
        PodBriefTelemetry.LlmTokens.Add(output, modelTag, new("kind", "output"));
        PodBriefTelemetry.LlmTokens.Add(cached, modelTag, new("kind", "cached_input"));
        PodBriefTelemetry.LlmCost.Add((double)cost, modelTag);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PodBriefDbContext>();
        db.LlmUsage.Add(new LlmUsage
        {
            OccurredAt = clock.GetUtcNow().UtcDateTime,
            Model = TextClip.Clip(model, 128),
            Operation = operation,
            EpisodeId = episodeId,
            InputTokens = input,
            OutputTokens = output,
            CachedInputTokens = cached,
            EstimatedCostUsd = cost,
            Succeeded = error is null,
            Error = error is null ? null : TextClip.Clip(error, 2048),
        });
        // Recording must not be cancelled half way: the tokens were spent whether or not the job goes on.
        await db.SaveChangesAsync(CancellationToken.None);
        _ = cancellationToken;
    }

    /// <summary>Estimated cost from the configured price table; 0 for a model without a price (shown as such on the admin page).</summary>
    public decimal EstimateCost(string model, long input, long output, long cached) =>
        options.Value.Prices.TryGetValue(model, out var price) ? price.Cost(input, output, cached) : 0m;

    public async Task<decimal> SpentTodayAsync(CancellationToken cancellationToken)
    {
        var dayStart = clock.GetUtcNow().UtcDateTime.Date;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PodBriefDbContext>();
        // Summed here, not in SQL: SQLite has no decimal type, and a day holds at most a few thousand rows.
        var costs = await db.LlmUsage.Where(u => u.OccurredAt >= dayStart)
            .Select(u => u.EstimatedCostUsd).ToListAsync(cancellationToken);
        return costs.Sum();
    }

    /// <summary>Throws <see cref="ExtractionDeferredException"/> (until the next UTC midnight) once today's budget is spent.</summary>
    public async Task EnsureWithinBudgetAsync(CancellationToken cancellationToken)
    {
        var budget = options.Value.DailyBudgetUsd;
        if (budget <= 0)
        {
            return;
        }
        var spent = await SpentTodayAsync(cancellationToken);
        if (spent >= budget)
        {
            var tomorrow = clock.GetUtcNow().UtcDateTime.Date.AddDays(1);
            throw new ExtractionDeferredException(
                $"Daily LLM budget reached ({spent:0.####} of {budget:0.##} USD, Llm:DailyBudgetUsd); resumes after {tomorrow:yyyy-MM-dd HH:mm} UTC.",
                tomorrow);
        }
    }

}
