using PodBrief.Core.Transcripts;

namespace PodBrief.Core.Insights;

/// <summary>
/// Turns one episode's transcript into candidate insight cards. Two implementations: the LLM extractor
/// (Azure OpenAI or any OpenAI-compatible endpoint) and the offline extractive one (local embeddings).
/// Results still pass the grounding gate and output validation before they are stored.
/// </summary>
public interface IInsightExtractor
{
    /// <summary>Short stable name stored on each card, e.g. "offline-minilm" or "llm:gpt-4o-mini".</summary>
    string Name { get; }

    /// <summary>Part of the extraction cache key: bump when prompts or the algorithm change.</summary>
    string PromptVersion { get; }

    Task<ExtractionResult> ExtractAsync(ExtractionRequest request, CancellationToken cancellationToken);
}

public sealed record ExtractionRequest(
    long EpisodeId,
    string? PodcastTitle,
    string? EpisodeTitle,
    TranscriptDocument Transcript,
    IReadOnlyList<TopicChoice> Topics,
    int MaxCards)
{
    /// <summary>
    /// The publisher's chapters (podcast:chapters), in order: a chapter runs from its start to the next one's. Titles
    /// are feed text (untrusted, already plain and bounded); both extractors may use them as labels and boundaries.
    /// </summary>
    public IReadOnlyList<(double StartSeconds, string Title)> Chapters { get; init; } = [];
}

/// <summary>A topic the extractor may tag cards with.</summary>
public sealed record TopicChoice(string Slug, string Name, string Description);

public sealed record ExtractionResult(IReadOnlyList<ExtractedCard> Cards)
{
    /// <summary>Why proposed cards were dropped inside the extractor (e.g. the LLM's still-faulty re-asked cards).</summary>
    public IReadOnlyList<string> Dropped { get; init; } = [];
}

/// <summary>A card as an extractor proposes it. Quote times are re-derived by the grounding gate.</summary>
public sealed record ExtractedCard(
    string Headline,
    string Body,
    string Quote,
    IReadOnlyList<string> TopicSlugs,
    IReadOnlyList<string> Keywords,
    double Importance,
    string? Speaker = null);
