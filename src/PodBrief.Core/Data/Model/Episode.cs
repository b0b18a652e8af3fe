namespace PodBrief.Core.Data;

/// <summary>One item of a feed. Each pipeline stage (transcript, extraction) records its state and last error here.</summary>
public class Episode
{
    public long Id { get; set; }
    public long PodcastId { get; set; }
    public Podcast? Podcast { get; set; }

    /// <summary>Stable identity within the podcast: guid, else enclosure URL, else link, else hash of title + date.</summary>
    public required string IdentityKey { get; set; }
    public string? Guid { get; set; }
    public string? Title { get; set; }
    public DateTime PublishedAt { get; set; }
    /// <summary>True when the feed's date could not be parsed and <see cref="PublishedAt"/> is the first-seen time.</summary>
    public bool PublishedAtEstimated { get; set; }
    public int? DurationSeconds { get; set; }
    public string? EnclosureUrl { get; set; }
    public string? EnclosureType { get; set; }
    public long? EnclosureLength { get; set; }
    public string? Link { get; set; }
    public string? ImageUrl { get; set; }
    /// <summary>Show notes as plain text (HTML sanitized away).</summary>
    public string? ShowNotes { get; set; }
    public int? SeasonNumber { get; set; }
    public int? EpisodeNumber { get; set; }
    /// <summary>The publisher's podcast:chapters file (JSON chapters format), fetched in the transcript stage.</summary>
    public string? ChaptersUrl { get; set; }
    public string? ChaptersType { get; set; }
    public string? FundingUrl { get; set; }
    public string? Language { get; set; }

    public DateTime FirstSeenAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    // Transcript stage.
    public TranscriptStatus TranscriptStatus { get; set; } = TranscriptStatus.Pending;
    public TranscriptProvenance TranscriptProvenance { get; set; } = TranscriptProvenance.None;
    public int TranscriptAttempts { get; set; }
    public DateTime? TranscriptNextAttemptAt { get; set; }
    public string? TranscriptLastError { get; set; }
    /// <summary>Held by the one worker fetching this episode's transcript now (a conditional update claims it); null when free.</summary>
    public DateTime? TranscriptLeaseUntil { get; set; }

    // Chapters (fetched with the transcript): when the file was read, or why it could not be.
    public DateTime? ChaptersFetchedAt { get; set; }
    public string? ChaptersLastError { get; set; }
    public List<EpisodeChapter> Chapters { get; set; } = [];

    // Extraction stage.
    public ExtractionStatus ExtractionStatus { get; set; } = ExtractionStatus.Pending;
    public int ExtractionAttempts { get; set; }
    public DateTime? ExtractionNextAttemptAt { get; set; }
    public string? ExtractionLastError { get; set; }
    public DateTime? ExtractedAt { get; set; }
    /// <summary>Cards the last extraction proposed but did not store (grounding, validation, quality gate).</summary>
    public int ExtractionCardsDropped { get; set; }
    /// <summary>Why, counted per reason: "Filler=2; DanglingStart=1; QuoteNotFound=1" (see <see cref="Insights.Quality.DropTally"/>).</summary>
    public string? ExtractionDropReasons { get; set; }
    /// <summary>Held by the one worker extracting this episode now (a conditional update claims it); null when free.</summary>
    public DateTime? ExtractionLeaseUntil { get; set; }

    public List<TranscriptLink> TranscriptLinks { get; set; } = [];
    public Transcript? Transcript { get; set; }
    public List<InsightCard> Cards { get; set; } = [];
}
