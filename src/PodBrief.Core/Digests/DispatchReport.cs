using PodBrief.Core.Data;

namespace PodBrief.Core.Digests;

public enum DispatchMode
{
    /// <summary>Create digests; the caller sends them (<see cref="DispatchDigestBatchJob"/>, in-process or as a job).</summary>
    CreateOnly,
    /// <summary>Rank and report who would get what; write nothing.</summary>
    DryRun,
}

/// <summary>What happened to one due subscriber. <see cref="DigestId"/> is null in a dry run or when another worker won.</summary>
public sealed record DispatchedDigest(
    long? DigestId,
    long SubscriberId,
    string Email,
    DateOnly LocalDate,
    DateTime ScheduledFor,
    DigestState State,
    DateTime? NextSendAt,
    IReadOnlyList<DispatchedItem> Items);

public sealed record DispatchedItem(long CardId, string Headline, string WhyLine, double Score);

public sealed record DispatchProgress(int Done, int Due);

public sealed class DispatchReport
{
    public int Due { get; set; }
    public List<DispatchedDigest> Digests { get; } = [];
    /// <summary>Due subscribers with no new digest: another worker (or an earlier digest for the same local date) had it, or they paused.</summary>
    public int AlreadyHandled { get; set; }

    public int Count(DigestState state) => Digests.Count(d => d.DigestId is not null && d.State == state);
}
