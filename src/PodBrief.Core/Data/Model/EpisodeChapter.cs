namespace PodBrief.Core.Data;

/// <summary>
/// One publisher chapter of an episode (podcast:chapters, JSON chapters format). A chapter runs from its start to the
/// next chapter's start; the last one to the end of the episode.
/// </summary>
public class EpisodeChapter
{
    public long Id { get; set; }
    public long EpisodeId { get; set; }
    /// <summary>0-based order by start time; unique per episode, so two workers storing the same file cannot both win.</summary>
    public int Position { get; set; }
    public double StartSeconds { get; set; }
    /// <summary>Plain text from the feed's file (tags and control characters removed); HTML-encode wherever shown.</summary>
    public required string Title { get; set; }
    public string? Url { get; set; }
    public string? ImageUrl { get; set; }
}
