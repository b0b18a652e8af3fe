namespace PodBrief.Core.Data;

/// <summary>
/// "Never pay twice": an extractor's result for a transcript hash + prompt version + model.
/// Re-running extraction on an unchanged transcript reads this instead of calling the LLM.
/// </summary>
public class ExtractionCacheEntry
{
    public long Id { get; set; }
    /// <summary>transcript hash | prompt version | model</summary>
    public required string CacheKey { get; set; }
    public required string ResultJson { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>One LLM or embedding call: tokens and estimated cost, for the budget cap and the admin page.</summary>
public class LlmUsage
{
    public long Id { get; set; }
    public DateTime OccurredAt { get; set; }
    public required string Model { get; set; }
    /// <summary>chat, embedding, transcription.</summary>
    public required string Operation { get; set; }
    public long? EpisodeId { get; set; }
    public int InputTokens { get; set; }
    public int OutputTokens { get; set; }
    public int CachedInputTokens { get; set; }
    public decimal EstimatedCostUsd { get; set; }
    public bool Succeeded { get; set; }
    public string? Error { get; set; }
}

public enum ExtractionStatus
{
    Pending,
    /// <summary>Waiting for a transcript, the daily budget, or a retry.</summary>
    Waiting,
    Done,
    Failed,
    /// <summary>Older than the extraction age limit, or nothing to extract from.</summary>
    Skipped,
}
