using PodBrief.Core.Data;

namespace PodBrief.Core.Digests;

/// <summary>
/// One batch of the daily run, as a Hangfire job (enqueued only by <see cref="DigestDispatchTick"/>) or called
/// in-process by the CLI: dispatch the due subscribers of an id range (rank, persist in one transaction), then
/// send the digests just made through <see cref="DigestBatchSender"/>. Safe to run twice: the slot claim and the
/// send claim are both atomic, so a second run finds nothing due and nothing to send.
/// </summary>
public sealed class DispatchDigestBatchJob(DigestDispatcher dispatcher, DigestBatchSender sender, TimeProvider clock)
{
    public Task RunAsync(long firstSubscriberId, long lastSubscriberId, CancellationToken cancellationToken) =>
        DispatchAndSendAsync(firstSubscriberId, lastSubscriberId, cancellationToken);

    public async Task<(DispatchReport Dispatched, DigestSendReport Sent)> DispatchAndSendAsync(
        long firstSubscriberId, long lastSubscriberId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var dispatched = await dispatcher.DispatchRangeAsync(now, firstSubscriberId, lastSubscriberId, DispatchMode.CreateOnly, null, cancellationToken);
        var pending = dispatched.Digests.Where(d => d.State == DigestState.Pending && d.DigestId is not null).Select(d => d.DigestId!.Value).ToList();
        var sent = await sender.SendAsync(pending, cancellationToken);
        return (dispatched, sent);
    }
}
