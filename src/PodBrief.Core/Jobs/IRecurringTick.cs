namespace PodBrief.Core.Jobs;

/// <summary>
/// A recurring job that derives due work from the database and enqueues one small job per item.
/// Register with <c>services.AddScoped&lt;IRecurringTick, MyTick&gt;()</c>; the host schedules every tick
/// under its <see cref="JobId"/> so losing the job store loses nothing.
/// </summary>
public interface IRecurringTick
{
    /// <summary>Stable Hangfire recurring-job id, e.g. "poll-due-feeds".</summary>
    string JobId { get; }

    /// <summary>Cron expression (UTC).</summary>
    string Cron { get; }

    Task RunAsync(CancellationToken cancellationToken);
}
