namespace PodBrief.Core.Data;

/// <summary>A person who receives digests. Personal data lives here and in the rows that point at it.</summary>
public class Subscriber
{
    public long Id { get; set; }
    /// <summary>As typed (trimmed); used to send mail.</summary>
    public required string Email { get; set; }
    /// <summary>Lower-cased, IDN-normalized; unique.</summary>
    public required string EmailNormalized { get; set; }
    public SubscriberStatus Status { get; set; } = SubscriberStatus.Pending;

    /// <summary>IANA time zone id, e.g. Europe/Berlin.</summary>
    public string TimeZoneId { get; set; } = "UTC";
    public TimeOnly DeliveryTimeLocal { get; set; } = new(7, 0);
    public DeliveryFrequency Frequency { get; set; } = DeliveryFrequency.Daily;
    /// <summary>For <see cref="DeliveryFrequency.Weekly"/>.</summary>
    public DayOfWeek WeeklyDay { get; set; } = DayOfWeek.Monday;
    /// <summary>UTC instant of the next digest; null when nothing is scheduled (pending, paused, unsubscribed).</summary>
    public DateTime? NextSendAt { get; set; }

    /// <summary>Free-text interests ("local-first software, sleep research").</summary>
    public string? Interests { get; set; }
    /// <summary>Rocchio-style profile: topics + interests + feedback, L2-normalized float32.</summary>
    public byte[]? ProfileEmbedding { get; set; }
    public string? ProfileEmbeddingModel { get; set; }
    public DateTime? ProfileUpdatedAt { get; set; }

    // Consent record (double opt-in).
    public DateTime? ConsentedAt { get; set; }
    public string? ConsentFormVersion { get; set; }
    public string? ConsentIpHash { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime? ConfirmedAt { get; set; }
    public DateTime? UnsubscribedAt { get; set; }
    public int HardBounceCount { get; set; }

    public List<SubscriberTopic> Topics { get; set; } = [];
    public List<SubscriberPodcast> Podcasts { get; set; } = [];
}

public enum SubscriberStatus
{
    /// <summary>Signed up, not confirmed yet.</summary>
    Pending,
    Active,
    Unsubscribed,
    /// <summary>Repeated hard bounces: we stopped mailing the address.</summary>
    Suppressed,
}

public enum DeliveryFrequency
{
    Daily,
    Weekdays,
    Weekly,
    Paused,
}

public class SubscriberTopic
{
    public long SubscriberId { get; set; }
    public long TopicId { get; set; }
    /// <summary>False = wants it; true = muted (never show cards of this topic).</summary>
    public bool IsMuted { get; set; }
}

public class SubscriberPodcast
{
    public long SubscriberId { get; set; }
    public long PodcastId { get; set; }
    public PodcastPreference Preference { get; set; }
}

public enum PodcastPreference
{
    Followed,
    Muted,
    /// <summary>"Less from this show" from a feedback link: a soft down-weight, not a mute.</summary>
    Less,
}
