namespace PodBrief.Core.Digests;

/// <summary>Everything one digest email shows, already loaded (so rendering needs no database).</summary>
public sealed record DigestEmailContent(
    long DigestId,
    string MessageId,
    string RecipientEmail,
    DateOnly LocalDate,
    string ManageToken,
    string UnsubscribeToken,
    IReadOnlyList<DigestEmailCard> Cards);

/// <summary>One card as mailed. All text comes from feeds or a model: the composer encodes it.</summary>
public sealed record DigestEmailCard(
    long DigestItemId,
    long InsightCardId,
    string Headline,
    string Body,
    string? PodcastTitle,
    string? EpisodeTitle,
    /// <summary>Episode page, else the audio file; null when the feed gave neither.</summary>
    string? EpisodeUrl,
    double? StartSeconds,
    string WhyLine);
