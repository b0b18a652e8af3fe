namespace PodBrief.Core.Data;

/// <summary>A podcast feed we poll. Polling state lives here so the admin page can show where it stands.</summary>
public class Podcast
{
    public long Id { get; set; }
    public required string FeedUrl { get; set; }
    public string? Title { get; set; }
    public string? Description { get; set; }
    public string? Author { get; set; }
    public string? SiteUrl { get; set; }
    public string? ImageUrl { get; set; }
    public string? Language { get; set; }
    public string? FundingUrl { get; set; }
    public string? FundingText { get; set; }

    public PodcastStatus Status { get; set; } = PodcastStatus.Active;
    public PodcastSource AddedBy { get; set; } = PodcastSource.Operator;

    // HTTP caching (RFC 9111 / conditional GET) and change detection.
    public string? ETag { get; set; }
    public string? LastModifiedHeader { get; set; }
    public string? ContentHash { get; set; }

    public DateTime? LastFetchedAt { get; set; }
    public DateTime? LastSuccessAt { get; set; }
    public DateTime NextCheckAt { get; set; }
    public int ConsecutiveErrors { get; set; }
    public string? LastError { get; set; }
    public int? LastHttpStatus { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public List<Episode> Episodes { get; set; } = [];
}

public enum PodcastStatus
{
    Active,
    /// <summary>Paused after too many consecutive failures; an operator can resume it.</summary>
    Paused,
    /// <summary>Turned off by an operator or by HTTP 410 Gone.</summary>
    Disabled,
    /// <summary>The feed asks not to be ingested (&lt;podcast:block&gt;yes&lt;/podcast:block&gt;).</summary>
    Blocked,
}

public enum PodcastSource
{
    Operator,
    StarterCatalog,
    OpmlImport,
    Subscriber,
    /// <summary>The sample show that ships with the app (Feeds:LoadSampleContent); never polled.</summary>
    Sample,
}
