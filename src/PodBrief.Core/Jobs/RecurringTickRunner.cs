using Hangfire;
using Microsoft.Extensions.Logging;

namespace PodBrief.Core.Jobs;

/// <summary>The Hangfire entry point for every <see cref="IRecurringTick"/>: looks the tick up by id.</summary>
public sealed class RecurringTickRunner(IEnumerable<IRecurringTick> ticks, ILogger<RecurringTickRunner> logger)
{
    // A tick that is still running when its next occurrence fires would only duplicate work.
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    public async Task RunAsync(string jobId, CancellationToken cancellationToken)
    {
        var tick = ticks.FirstOrDefault(t => t.JobId == jobId);
        if (tick is null)
        {
            logger.LogWarning("No recurring tick registered with id {JobId}", jobId);
            return;
        }
        await tick.RunAsync(cancellationToken);
    }

    /// <summary>Adds or updates one Hangfire recurring job per registered tick, and removes none.</summary>
    public static void Schedule(IRecurringJobManager manager, IEnumerable<IRecurringTick> ticks)
    {
        foreach (var tick in ticks)
        {
            var id = tick.JobId;
            manager.AddOrUpdate<RecurringTickRunner>(id, r => r.RunAsync(id, CancellationToken.None), tick.Cron,
                new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        }
    }
}
