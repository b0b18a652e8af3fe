using PodBrief.Core.Data;

namespace PodBrief.Core.Digests;

/// <summary>
/// Sends one digest: claims it atomically (pending → sending), re-checks the subscriber, composes and sends,
/// records sent / failed / unknown. Safe to run twice. (Filled in by the delivery work; see issue 5.)
/// </summary>
public sealed class SendDigestJob(PodBriefDbContext db)
{
    public Task RunAsync(long digestId, CancellationToken cancellationToken)
    {
        _ = (db, digestId, cancellationToken);
        throw new NotSupportedException("Digest sending is not built yet.");
    }
}
