namespace PodBrief.Core.Data;

/// <summary>
/// A random token mailed to a subscriber. Only its SHA-256 is stored, so a database leak does not leak working
/// links; being stored (not signed) it survives restarts and key rotation.
/// </summary>
public class SubscriberToken
{
    public long Id { get; set; }
    public long SubscriberId { get; set; }
    public TokenPurpose Purpose { get; set; }
    public required string TokenHash { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ExpiresAt { get; set; }
    /// <summary>Set when a single-use token (confirmation) has been used.</summary>
    public DateTime? UsedAt { get; set; }
}

public enum TokenPurpose
{
    ConfirmSignup,
    Manage,
    Unsubscribe,
    DigestView,
    Feedback,
    /// <summary>The private RSS / JSON Feed URL: valid until revoked (issue 14 item 4).</summary>
    PrivateFeed,
}

/// <summary>👍 / 👎 / less from this show, from an email link or the web.</summary>
public class Feedback
{
    public long Id { get; set; }
    /// <summary>Null after the subscriber deleted their account (kept for aggregate counts only).</summary>
    public long? SubscriberId { get; set; }
    public long? InsightCardId { get; set; }
    public long? DigestId { get; set; }
    public long? PodcastId { get; set; }
    public FeedbackKind Kind { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? UndoneAt { get; set; }
}

public enum FeedbackKind
{
    Up,
    Down,
    LessFromShow,
}

/// <summary>Named counters that survive account deletion (e.g. accounts deleted, digests sent).</summary>
public class AggregateCounter
{
    public required string Name { get; set; }
    public long Value { get; set; }
}
