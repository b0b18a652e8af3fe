namespace PodBrief.Core.Data;

/// <summary>A &lt;podcast:transcript&gt; tag found on an episode: a candidate we may download.</summary>
public class TranscriptLink
{
    public long Id { get; set; }
    public long EpisodeId { get; set; }
    public required string Url { get; set; }
    /// <summary>The type attribute as the feed wrote it (e.g. application/srt).</summary>
    public string? MediaType { get; set; }
    /// <summary>The format we decided it is after normalizing type and extension.</summary>
    public string? Language { get; set; }
    public string? Rel { get; set; }
}
