namespace PodBrief.Core.Feeds.Parsing;

/// <summary>What a feed says about itself and its items, independent of RSS / Atom / JSON Feed.</summary>
public sealed class ParsedFeed
{
    public required string Format { get; init; }
    public string? Title { get; set; }
    public string? Description { get; set; }
    public string? Author { get; set; }
    public string? SiteUrl { get; set; }
    public string? ImageUrl { get; set; }
    public string? Language { get; set; }
    /// <summary>RSS &lt;ttl&gt; in minutes.</summary>
    public int? TtlMinutes { get; set; }
    /// <summary>&lt;podcast:block&gt;yes&lt;/podcast:block&gt; (for all platforms).</summary>
    public bool Blocked { get; set; }
    public string? FundingUrl { get; set; }
    public string? FundingText { get; set; }
    public List<ParsedEpisode> Episodes { get; } = [];
}

public sealed class ParsedEpisode
{
    public string? Guid { get; set; }
    public string? Title { get; set; }
    /// <summary>Null when the feed has no date or one we could not parse.</summary>
    public DateTime? PublishedAt { get; set; }
    public bool HadUnparseableDate { get; set; }
    public int? DurationSeconds { get; set; }
    public string? EnclosureUrl { get; set; }
    public string? EnclosureType { get; set; }
    public long? EnclosureLength { get; set; }
    public string? Link { get; set; }
    public string? ImageUrl { get; set; }
    public string? ShowNotes { get; set; }
    public int? SeasonNumber { get; set; }
    public int? EpisodeNumber { get; set; }
    public string? ChaptersUrl { get; set; }
    /// <summary>The chapters tag's type attribute (application/json+chapters for the JSON chapters format).</summary>
    public string? ChaptersType { get; set; }
    public string? FundingUrl { get; set; }
    public string? Language { get; set; }
    public List<ParsedTranscriptLink> Transcripts { get; } = [];
}

/// <summary>A &lt;podcast:transcript&gt; as written: url, type, language, rel.</summary>
public sealed record ParsedTranscriptLink(string Url, string? MediaType, string? Language, string? Rel);

/// <summary>The feed cannot be read; the message says why in words an operator understands.</summary>
public sealed class FeedParseException(string message, Exception? inner = null) : Exception(message, inner);
