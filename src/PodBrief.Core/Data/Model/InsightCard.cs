namespace PodBrief.Core.Data;

/// <summary>One idea from one episode, grounded in a verbatim quote of its transcript.</summary>
public class InsightCard
{
    public long Id { get; set; }
    public long EpisodeId { get; set; }
    public Episode? Episode { get; set; }
    /// <summary>Denormalized from the episode so ranking can filter muted shows without a join.</summary>
    public long PodcastId { get; set; }

    public required string Headline { get; set; }
    public required string Body { get; set; }
    /// <summary>Copied verbatim from the transcript (checked by the grounding gate).</summary>
    public required string Quote { get; set; }
    /// <summary>Where the quote starts in the audio, from where it was found in the transcript; null for show-notes cards.</summary>
    public double? QuoteStartSeconds { get; set; }
    public double? QuoteEndSeconds { get; set; }
    public string? Speaker { get; set; }
    /// <summary>Free keywords, comma separated.</summary>
    public string? Keywords { get; set; }
    public double Importance { get; set; }
    public TranscriptProvenance Provenance { get; set; }
    public CardConfidence Confidence { get; set; } = CardConfidence.High;
    public string? Language { get; set; }

    /// <summary>Little-endian float32 vector, L2-normalized.</summary>
    public byte[]? Embedding { get; set; }
    /// <summary>The model that produced <see cref="Embedding"/>; vectors of different models never mix.</summary>
    public string? EmbeddingModel { get; set; }

    public long? ClusterId { get; set; }
    public InsightCluster? Cluster { get; set; }

    public required string ExtractorName { get; set; }
    public string? PromptVersion { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>
    /// Set when a re-extraction no longer produced this card but it was mailed or has feedback: the row stays so
    /// mailed links and archives keep working, and it is no longer offered to ranking or the landing page.
    /// </summary>
    public DateTime? RetiredAt { get; set; }

    public List<InsightCardTopic> Topics { get; set; } = [];
}

public enum CardConfidence
{
    High,
    /// <summary>Show-notes cards: no transcript behind them, no timestamp.</summary>
    Low,
}

public class InsightCardTopic
{
    public long InsightCardId { get; set; }
    public long TopicId { get; set; }
    public Topic? Topic { get; set; }
    public double Score { get; set; }
}

/// <summary>Cards from different episodes that say nearly the same thing; one canonical card speaks for them.</summary>
public class InsightCluster
{
    public long Id { get; set; }
    public long? CanonicalCardId { get; set; }
    public int CardCount { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
