using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.Logging;

namespace PodBrief.Core.Jobs;

/// <summary>The Hangfire entry point for every <see cref="IRecurringTick"/>: looks the tick up by id.</summary>
public sealed class RecurringTickRunner(IEnumerable<IRecurringTick> ticks, JobStorage storage, ILogger<RecurringTickRunner> logger)
{
    /// <summary>
    /// How long a tick waits for its own previous run. Short on purpose: that run derives the same due work from the
    /// database, so this occurrence is skipped, not queued behind it.
    /// </summary>
    public static readonly TimeSpan LockWait = TimeSpan.FromSeconds(1);

    // No [DisableConcurrentExecution]: it locks on the method, so all ticks shared one lock and a slow tick held up
    // (and, past its timeout, deleted) the runs of every other tick. Each tick takes its own lock below instead.
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    public async Task RunAsync(string jobId, CancellationToken cancellationToken)
    {
        var tick = ticks.FirstOrDefault(t => t.JobId == jobId);
        if (tick is null)
        {
            logger.LogWarning("No recurring tick registered with id {JobId}", jobId);
            return;
        }
        // The lock lives in the job storage, so it holds across every server on a shared PostgreSQL job store.
        using var connection = storage.GetConnection();
        IDisposable held;
        try
        {
            held = connection.AcquireDistributedLock(LockResource(jobId), LockWait);
        }
        catch (DistributedLockTimeoutException)
        {
            logger.LogInformation("Tick {JobId} skipped: its previous run is still going", jobId);
            return;
        }
        using (held)
        {
            await tick.RunAsync(cancellationToken);
        }
    }

    public static string LockResource(string jobId) => "podbrief:tick:" + jobId;

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
