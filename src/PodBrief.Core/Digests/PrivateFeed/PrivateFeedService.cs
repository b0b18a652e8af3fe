using Microsoft.EntityFrameworkCore;
using PodBrief.Core.Common;
using PodBrief.Core.Data;
using PodBrief.Core.Insights;
using PodBrief.Core.Subscribers;

namespace PodBrief.Core.Digests.PrivateFeed;

/// <summary>One card of a sent digest, as a feed item.</summary>
public sealed record PrivateFeedItem(
    long DigestItemId, long InsightCardId, DateOnly DigestDate, DateTime SentAt, string Headline, string Body, string? Quote,
    string? Show, string? Episode, string CardUrl, string ListenUrl, string ListenLabel, string WhyLine);

/// <summary>What a private feed shows: whose it is, and the cards of their latest sent digests, newest first.</summary>
public sealed record PrivateFeedContent(long SubscriberId, string Title, string HomeUrl, string FeedUrl, IReadOnlyList<PrivateFeedItem> Items);

/// <summary>
/// A subscriber's private feed (issue 14 item 4): a secret URL, valid until revoked, that carries the cards of
/// their sent digests to a feed reader. Only the token's hash is stored, so the URL can be shown once, when it is
/// made; making a new one revokes the old one.
/// </summary>
public sealed class PrivateFeedService(PodBriefDbContext db, SubscriberTokenService tokens, SubscriberLinks links, AppOptions app)
{
    /// <summary>How many sent digests the feed carries (about a month of dailies).</summary>
    public const int DigestCount = 30;

    /// <summary>Revokes any earlier feed URL and issues a new secret; returns the raw token for the URL.</summary>
    public async Task<string> CreateAsync(long subscriberId, CancellationToken cancellationToken)
    {
        await tokens.RevokeAsync(subscriberId, TokenPurpose.PrivateFeed, cancellationToken);
        var token = tokens.Issue(subscriberId, TokenPurpose.PrivateFeed);
        await db.SaveChangesAsync(cancellationToken);
        return token;
    }

    public Task<int> RevokeAsync(long subscriberId, CancellationToken cancellationToken) =>
        tokens.RevokeAsync(subscriberId, TokenPurpose.PrivateFeed, cancellationToken);

    public Task<bool> IsActiveAsync(long subscriberId, CancellationToken cancellationToken) =>
        db.SubscriberTokens.AnyAsync(t => t.SubscriberId == subscriberId && t.Purpose == TokenPurpose.PrivateFeed, cancellationToken);

    /// <summary>The feed for a raw token, or null when the token is unknown or revoked, or the subscriber has left.</summary>
    public async Task<PrivateFeedContent?> LoadAsync(string? rawToken, string feedUrl, CancellationToken cancellationToken)
    {
        var token = await tokens.FindValidAsync(rawToken, TokenPurpose.PrivateFeed, cancellationToken);
        if (token is null || !await db.Subscribers.AnyAsync(s => s.Id == token.SubscriberId && s.Status == SubscriberStatus.Active, cancellationToken))
        {
            return null;
        }
        var digests = await db.Digests.AsNoTracking()
            .Where(d => d.SubscriberId == token.SubscriberId && d.State == DigestState.Sent && d.SentAt != null)
            .OrderByDescending(d => d.LocalDate).Take(DigestCount)
            .Select(d => new { d.Id, d.LocalDate, SentAt = d.SentAt!.Value }).ToListAsync(cancellationToken);
        var byId = digests.ToDictionary(d => d.Id);
        var ids = byId.Keys.ToList();
        var cards = await db.DigestItems.AsNoTracking()
            .Where(i => ids.Contains(i.DigestId))
            .Select(i => new
            {
                i.Id,
                i.DigestId,
                i.Position,
                i.InsightCardId,
                i.InsightCard!.Headline,
                i.InsightCard.Body,
                i.InsightCard.Quote,
                i.InsightCard.QuoteStartSeconds,
                Show = i.InsightCard.Episode!.Podcast!.Title,
                Episode = i.InsightCard.Episode.Title,
                i.InsightCard.Episode.Link,
                i.WhyLine,
            })
            .ToListAsync(cancellationToken);
        var rows = cards.OrderByDescending(c => byId[c.DigestId].LocalDate).ThenBy(c => c.Position)
            .Select(c => new
            {
                c.Id,
                c.InsightCardId,
                byId[c.DigestId].LocalDate,
                byId[c.DigestId].SentAt,
                c.Headline,
                c.Body,
                c.Quote,
                c.QuoteStartSeconds,
                c.Show,
                c.Episode,
                c.Link,
                c.WhyLine
            })
            .ToList();
        var items = rows.Select(r => new PrivateFeedItem(r.Id, r.InsightCardId, r.LocalDate, r.SentAt, r.Headline, r.Body,
            CardPresentation.QuoteToShow(r.Body, r.Quote), r.Show, r.Episode, links.Insight(r.InsightCardId),
            ListenLink.Build(links.Home, r.InsightCardId, r.Link, r.QuoteStartSeconds), TimeLabel.ListenFrom(r.QuoteStartSeconds),
            r.WhyLine)).ToList();
        return new PrivateFeedContent(token.SubscriberId, $"{app.OperatorName}: your brief", links.Home, feedUrl, items);
    }
}
