using Microsoft.EntityFrameworkCore;
using MimeKit;
using PodBrief.Core.Data;
using PodBrief.Core.Insights;
using PodBrief.Core.Subscribers;

namespace PodBrief.Core.Digests;

/// <summary>
/// Loads a digest's cards and issues the subscriber's link tokens (Manage for preferences, feedback and the web
/// view; Unsubscribe for the one-click link), then has <see cref="DigestEmailComposer"/> render the email.
/// Tokens are saved before the message exists, so every link in a sent mail resolves.
/// </summary>
public class DigestMessageFactory(PodBriefDbContext db, SubscriberTokenService tokens, DigestEmailComposer composer)
{
    public virtual async Task<MimeMessage> CreateAsync(Digest digest, Subscriber subscriber, CancellationToken cancellationToken)
    {
        var content = await LoadContentAsync(digest, subscriber, cancellationToken);
        return composer.Compose(content);
    }

    public async Task<DigestEmailContent> LoadContentAsync(Digest digest, Subscriber subscriber, CancellationToken cancellationToken)
    {
        var cards = await LoadCardsAsync(digest.Id, cancellationToken);
        var manageToken = tokens.Issue(subscriber.Id, TokenPurpose.Manage);
        var unsubscribeToken = tokens.IssueUnsubscribe(subscriber.Id);
        await db.SaveChangesAsync(cancellationToken);
        return new DigestEmailContent(digest.Id, digest.MessageId, subscriber.Email, digest.LocalDate, manageToken, unsubscribeToken, cards);
    }

    /// <summary>The digest's cards in order, with quote, artwork and the other shows of each card's cluster.</summary>
    public async Task<IReadOnlyList<DigestEmailCard>> LoadCardsAsync(long digestId, CancellationToken cancellationToken)
    {
        var cards = await db.DigestItems.AsNoTracking()
            .Where(i => i.DigestId == digestId)
            .OrderBy(i => i.Position)
            .Select(i => new DigestEmailCard(
                i.Id,
                i.InsightCardId,
                i.InsightCard!.Headline,
                i.InsightCard.Body,
                i.InsightCard.Episode!.Podcast!.Title,
                i.InsightCard.Episode.Title,
                i.InsightCard.Episode.Link,
                i.InsightCard.QuoteStartSeconds,
                i.WhyLine,
                i.InsightCard.Quote,
                i.InsightCard.Episode.Podcast.ImageUrl ?? i.InsightCard.Episode.ImageUrl,
                null))
            .ToListAsync(cancellationToken);
        var also = await InsightClusterQueries.AlsoDiscussedAsync(db, cards.Select(c => c.InsightCardId), cancellationToken);
        return [.. cards.Select(c => also.TryGetValue(c.InsightCardId, out var others) && others.Count > 0 ? c with { AlsoDiscussedIn = others } : c)];
    }
}
