using Hangfire;
using Microsoft.Extensions.Logging;
using PodBrief.Core.Jobs;

namespace PodBrief.Core.Digests;

/// <summary>
/// Every 5 minutes (UTC): splits the due subscribers into id ranges of Digests:BatchSize and enqueues one
/// <see cref="DispatchDigestBatchJob"/> per range. The tick itself ranks nothing (issue 10, defect 16): it holds
/// the tick lock for one query, and the batches spread over every worker of every instance.
/// </summary>
public sealed class DigestDispatchTick(DigestDispatcher dispatcher, IBackgroundJobClient jobs, TimeProvider time, ILogger<DigestDispatchTick> logger)
    : IRecurringTick
{
    public string JobId => "dispatch-due-digests";

    public string Cron => "*/5 * * * *";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var ranges = await dispatcher.DueRangesAsync(time.GetUtcNow().UtcDateTime, cancellationToken);
        foreach (var (first, last) in ranges)
        {
            jobs.Enqueue<DispatchDigestBatchJob>(j => j.RunAsync(first, last, CancellationToken.None));
        }
        if (ranges.Count > 0)
        {
            logger.LogInformation("Enqueued {Count} digest dispatch batch(es)", ranges.Count);
        }
    }
}
