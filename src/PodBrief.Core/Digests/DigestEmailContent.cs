using PodBrief.Core.Insights;

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
    /// <summary>The publisher's episode page; null when the feed gave none (the listen link then goes to /i/{id}).</summary>
    string? EpisodeUrl,
    double? StartSeconds,
    string WhyLine,
    /// <summary>The verbatim quote; shown only where it adds to the body.</summary>
    string? Quote = null,
    /// <summary>The show's (or episode's) artwork; http(s) only, else no image.</summary>
    string? ArtworkUrl = null,
    /// <summary>The same idea on other shows, from the card's dedupe cluster.</summary>
    IReadOnlyList<AlsoDiscussed>? AlsoDiscussedIn = null);
