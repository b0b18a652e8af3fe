namespace PodBrief.Core.Data;

/// <summary>One email to one subscriber for one local date: unique per (subscriber, local date), claimed atomically.</summary>
public class Digest
{
    public long Id { get; set; }
    public long SubscriberId { get; set; }
    /// <summary>The subscriber's local date this digest is for.</summary>
    public DateOnly LocalDate { get; set; }
    public DateTime ScheduledFor { get; set; }
    public DigestState State { get; set; } = DigestState.Pending;
    /// <summary>Generated and stored before the first attempt, reused on retries.</summary>
    public required string MessageId { get; set; }
    public string? Subject { get; set; }
    public int Attempts { get; set; }
    public DateTime? NextAttemptAt { get; set; }
    public string? LastError { get; set; }
    public DateTime? ClaimedAt { get; set; }
    public string? ClaimedBy { get; set; }
    public DateTime? SentAt { get; set; }
    public DateTime CreatedAt { get; set; }

    public List<DigestItem> Items { get; set; } = [];
}

public enum DigestState
{
    Pending,
    Sending,
    Sent,
    Failed,
    /// <summary>The connection dropped after DATA: it may have been delivered. Never resent.</summary>
    Unknown,
    /// <summary>Not sent: too late after an outage, or the subscriber left before sending.</summary>
    Skipped,
    /// <summary>No card cleared the quality floor; the web view says so.</summary>
    Empty,
}

public class DigestItem
{
    public long Id { get; set; }
    public long DigestId { get; set; }
    public long InsightCardId { get; set; }
    public InsightCard? InsightCard { get; set; }
    /// <summary>Cluster at ranking time, so "never the same idea twice" survives later re-clustering.</summary>
    public long? ClusterId { get; set; }
    public int Position { get; set; }
    public double Score { get; set; }
    /// <summary>"You follow AI", "From a show you follow", ...</summary>
    public required string WhyLine { get; set; }
}
