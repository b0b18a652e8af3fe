namespace PodBrief.Core.Data;

/// <summary>The transcript we chose for an episode, normalized. Segments are stored as JSON (thousands per episode).</summary>
public class Transcript
{
    public long Id { get; set; }
    public long EpisodeId { get; set; }
    public TranscriptProvenance Provenance { get; set; }
    public TranscriptFormat SourceFormat { get; set; }
    public string? SourceUrl { get; set; }
    public string? SourceMediaType { get; set; }
    public string? Language { get; set; }
    /// <summary>Plain normalized text of the whole transcript.</summary>
    public required string Text { get; set; }
    /// <summary>JSON array of timed segments: start, end (seconds), speaker, text.</summary>
    public required string SegmentsJson { get; set; }
    public int SegmentCount { get; set; }
    public double? DurationSeconds { get; set; }
    /// <summary>SHA-256 (hex) of <see cref="Text"/>; the LLM cache key starts with it.</summary>
    public required string ContentHash { get; set; }
    public DateTime FetchedAt { get; set; }
}

public enum TranscriptStatus
{
    Pending,
    /// <summary>The publisher's transcript was not there yet (403/404 soon after publish); retried later.</summary>
    NotYetAvailable,
    Available,
    /// <summary>No transcript and no usable fallback.</summary>
    Unavailable,
    Failed,
}

public enum TranscriptProvenance
{
    None,
    Publisher,
    SpeechToText,
    ShowNotes,
}

public enum TranscriptFormat
{
    Unknown,
    Json,
    WebVtt,
    Srt,
    Html,
    PlainText,
}
