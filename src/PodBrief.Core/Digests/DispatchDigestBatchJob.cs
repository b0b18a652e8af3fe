using PodBrief.Core.Data;

namespace PodBrief.Core.Digests;

/// <summary>
/// One batch of the daily run, as a Hangfire job (enqueued only by <see cref="DigestDispatchTick"/>) or called
/// in-process by the CLI: dispatch the due subscribers of an id range (rank, persist in one transaction), then
/// send the digests just made through <see cref="DigestBatchSender"/>. The digests are inserted already claimed by
/// this run's sender, so each row is written twice, not three times (issue 13). Safe to run twice: the slot claim
/// is atomic and a digest is born claimed by one sender, so a second run finds nothing due and nothing to send.
/// </summary>
public sealed class DispatchDigestBatchJob(DigestDispatcher dispatcher, DigestBatchSender sender, TimeProvider clock)
{
    public Task RunAsync(long firstSubscriberId, long lastSubscriberId, CancellationToken cancellationToken) =>
        DispatchAndSendAsync(firstSubscriberId, lastSubscriberId, cancellationToken);

    public async Task<(DispatchReport Dispatched, DigestSendReport Sent)> DispatchAndSendAsync(
        long firstSubscriberId, long lastSubscriberId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var claim = DigestBatchSender.NewClaimToken();
        DispatchReport dispatched;
        try
        {
            dispatched = await dispatcher.DispatchRangeAsync(
                now, firstSubscriberId, lastSubscriberId, DispatchMode.CreateOnly, null, cancellationToken, claimFor: claim);
        }
        catch (Exception ex)
        {
            // A batch may have committed before the failure: its digests are claimed by us and nothing was sent, so
            // they go back to pending for the retry tick rather than to "unknown" once the claim is stale.
            await sender.ReleaseUnsentAsync(claim, ex);
            throw;
        }
        var pending = dispatched.Digests.Where(d => d.State == DigestState.Pending && d.DigestId is not null).Select(d => d.DigestId!.Value).ToList();
        var sent = await sender.SendClaimedAsync(pending, claim, cancellationToken);
        return (dispatched, sent);
    }
}
