namespace PodBrief.Core.Digests;

/// <summary>
/// The Hangfire entry point for sending digests that already exist: retries that are due and digests whose
/// dispatch job was lost (enqueued only by <see cref="RetryDueDigestsTick"/>). New digests are sent by the
/// <see cref="DispatchDigestBatchJob"/> that made them. Both go through <see cref="DigestBatchSender"/>, which
/// claims atomically, so running this twice never sends twice.
/// </summary>
public sealed class SendDigestJob(DigestBatchSender sender)
{
    /// <summary>AggregateCounter row counting digests handed to the mail server.</summary>
    public const string SentCounter = "digests-sent";

    public Task RunAsync(long digestId, CancellationToken cancellationToken) => sender.SendAsync([digestId], cancellationToken);

    public Task RunBatchAsync(long[] digestIds, CancellationToken cancellationToken) => sender.SendAsync(digestIds, cancellationToken);
}
