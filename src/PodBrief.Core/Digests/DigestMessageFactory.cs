using Microsoft.EntityFrameworkCore;
using MimeKit;
using PodBrief.Core.Data;
using PodBrief.Core.Insights;
using PodBrief.Core.Subscribers;

namespace PodBrief.Core.Digests;

/// <summary>
/// Loads digests' cards and issues each subscriber's link tokens (Manage for preferences, feedback and the web
/// view; Unsubscribe for the one-click link), then has <see cref="DigestEmailComposer"/> render the email.
/// Tokens are saved before the message exists, so every link in a sent mail resolves. A batch of digests costs
/// one query for all their cards and one save for all their tokens.
/// </summary>
public class DigestMessageFactory(PodBriefDbContext db, SubscriberTokenService tokens, DigestEmailComposer composer)
{
    public async Task<MimeMessage> CreateAsync(Digest digest, Subscriber subscriber, CancellationToken cancellationToken)
    {
        var contents = await LoadContentsAsync([(digest, subscriber)], cancellationToken);
        return Compose(contents.TryGetValue(digest.Id, out var content)
            ? content
            : throw new InvalidOperationException($"Digest {digest.Id} has no cards."));
    }

    /// <summary>Renders one loaded digest (pure; safe to call from several threads at once).</summary>
    public virtual MimeMessage Compose(DigestEmailContent content, DigestEmailCardCache? cards = null) => composer.Compose(content, cards);

    /// <summary>The email contents of these digests, keyed by digest id; digests without cards are left out.</summary>
    public async Task<Dictionary<long, DigestEmailContent>> LoadContentsAsync(
        IReadOnlyList<(Digest Digest, Subscriber Subscriber)> digests, CancellationToken cancellationToken)
    {
        var cards = await LoadCardsAsync(digests.Select(d => d.Digest.Id).ToList(), cancellationToken);
        var withCards = digests.Where(d => cards.ContainsKey(d.Digest.Id)).ToList();
        string[] issued;
        using (DigestRunMetrics.Time("load/tokens"))
        {
            issued = await tokens.IssueManyAsync(
                [.. withCards.SelectMany(d => new[] { (d.Subscriber.Id, TokenPurpose.Manage), (d.Subscriber.Id, TokenPurpose.Unsubscribe) })],
                cancellationToken);
        }
        var contents = new Dictionary<long, DigestEmailContent>(withCards.Count);
        for (var i = 0; i < withCards.Count; i++)
        {
            var (digest, subscriber) = withCards[i];
            contents[digest.Id] = new DigestEmailContent(
                digest.Id, digest.MessageId, subscriber.Email, digest.LocalDate, issued[2 * i], issued[(2 * i) + 1], cards[digest.Id]);
        }
        return contents;
    }

    public async Task<IReadOnlyList<DigestEmailCard>> LoadCardsAsync(long digestId, CancellationToken cancellationToken) =>
        (await LoadCardsAsync([digestId], cancellationToken)).GetValueOrDefault(digestId) ?? [];

    /// <summary>
    /// Each digest's cards in position order, with quote, artwork and the other shows of each card's cluster. The
    /// items are read narrow and each distinct card's text once (a batch of 1,000 digests shares a few hundred
    /// cards: reading card, episode and show per item moved five times the rows, issue 13).
    /// </summary>
    public async Task<Dictionary<long, List<DigestEmailCard>>> LoadCardsAsync(IReadOnlyList<long> digestIds, CancellationToken cancellationToken)
    {
        var ids = digestIds.ToList();
        var items = await db.DigestItems.AsNoTracking()
            .Where(i => ids.Contains(i.DigestId))
            .OrderBy(i => i.DigestId).ThenBy(i => i.Position)
            .Select(i => new { i.DigestId, i.Id, i.InsightCardId, i.WhyLine })
            .ToListAsync(cancellationToken);
        var cardIds = items.Select(i => i.InsightCardId).Distinct().ToList();
        var cards = await db.InsightCards.AsNoTracking()
            .Where(c => cardIds.Contains(c.Id))
            .Select(c => new DigestEmailCard(
                0,
                c.Id,
                c.Headline,
                c.Body,
                c.Episode!.Podcast!.Title,
                c.Episode.Title,
                c.Episode.Link,
                c.QuoteStartSeconds,
                "",
                c.Quote,
                c.Episode.Podcast.ImageUrl ?? c.Episode.ImageUrl,
                null))
            .ToDictionaryAsync(c => c.InsightCardId, cancellationToken);
        // The other shows of each card's cluster, for all the batch's cards in one go.
        var also = await InsightClusterQueries.AlsoDiscussedAsync(db, cardIds, cancellationToken);
        foreach (var (id, others) in also)
        {
            if (others.Count > 0 && cards.TryGetValue(id, out var card))
            {
                cards[id] = card with { AlsoDiscussedIn = others };
            }
        }
        return items.Where(i => cards.ContainsKey(i.InsightCardId)).GroupBy(i => i.DigestId).ToDictionary(g => g.Key, g => g
            .Select(i => cards[i.InsightCardId] with { DigestItemId = i.Id, WhyLine = i.WhyLine })
            .ToList());
    }
}
