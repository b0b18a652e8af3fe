using PodBrief.Core.Jobs;

namespace PodBrief.Core.Digests;

/// <summary>Every 5 minutes (UTC): create the digests that are due and enqueue one send job each.</summary>
public sealed class DigestDispatchTick(DigestDispatcher dispatcher, TimeProvider time) : IRecurringTick
{
    public string JobId => "dispatch-due-digests";

    public string Cron => "*/5 * * * *";

    public Task RunAsync(CancellationToken cancellationToken) =>
        dispatcher.DispatchDueAsync(time.GetUtcNow().UtcDateTime, DispatchMode.Enqueue, progress: null, cancellationToken);
}
