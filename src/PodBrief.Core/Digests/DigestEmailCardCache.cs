using System.Collections.Concurrent;
using PodBrief.Core.Insights;

namespace PodBrief.Core.Digests;

/// <summary>
/// The parts of a card's email view that depend on the card alone (headline, quote, source line, artwork, listen
/// link…), computed once per card for a batch instead of once per digest that includes it: a batch of 1,000
/// digests × 5 items shares a few hundred cards, and the URI parsing and text checks were repeated for each
/// (issue 13). One cache per batch, shared by the composing threads. A hit needs the same card id and the same
/// card text, so a card edited between two loads, or a cache reused by mistake, costs a miss, never a stale card.
/// </summary>
public sealed class DigestEmailCardCache
{
    private readonly ConcurrentDictionary<long, (DigestEmailCard Card, DigestEmailCardParts Parts)> _cards = new();

    internal DigestEmailCardParts GetOrAdd(DigestEmailCard card, Func<DigestEmailCard, DigestEmailCardParts> build)
    {
        if (_cards.TryGetValue(card.InsightCardId, out var hit) && SameCard(hit.Card, card))
        {
            return hit.Parts;
        }
        var parts = build(card);
        _cards.TryAdd(card.InsightCardId, (card, parts));
        return parts;
    }

    /// <summary>Every field the parts are made of (not the item's own id and why-line); reference-equal strings compare at once.</summary>
    private static bool SameCard(DigestEmailCard a, DigestEmailCard b) =>
        a.Headline == b.Headline && a.Body == b.Body && a.PodcastTitle == b.PodcastTitle && a.EpisodeTitle == b.EpisodeTitle
        && a.EpisodeUrl == b.EpisodeUrl && a.StartSeconds == b.StartSeconds && a.Quote == b.Quote && a.ArtworkUrl == b.ArtworkUrl
        && SameOthers(a.AlsoDiscussedIn, b.AlsoDiscussedIn);

    private static bool SameOthers(IReadOnlyList<AlsoDiscussed>? a, IReadOnlyList<AlsoDiscussed>? b) =>
        ReferenceEquals(a, b) || (a is not null && b is not null && a.SequenceEqual(b));
}

/// <summary>What <see cref="DigestEmailComposer"/> derives from a card alone, before the digest's own links are added.</summary>
internal sealed record DigestEmailCardParts(
    string? Show,
    string SubjectHeadline,
    string Headline,
    string Body,
    string? Quote,
    string Source,
    string? ArtworkUrl,
    string ArtworkAlt,
    string ListenLabel,
    string ListenUrl,
    string? AlsoDiscussed);
