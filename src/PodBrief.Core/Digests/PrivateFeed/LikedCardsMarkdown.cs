using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PodBrief.Core.Common;
using PodBrief.Core.Data;
using PodBrief.Core.Insights;
using PodBrief.Core.Subscribers;

namespace PodBrief.Core.Digests.PrivateFeed;

/// <summary>
/// The cards a subscriber liked (▲ More like this, not undone), as a Markdown file for their notes app
/// (issue 14 item 4). Card text comes from feeds or a model: Markdown's active characters are escaped so a
/// headline cannot turn into a link or a heading.
/// </summary>
public sealed class LikedCardsMarkdown(PodBriefDbContext db, SubscriberLinks links, AppOptions app, TimeProvider clock)
{
    public async Task<string> RenderAsync(long subscriberId, CancellationToken cancellationToken)
    {
        var liked = await db.Feedback.AsNoTracking()
            .Where(f => f.SubscriberId == subscriberId && f.Kind == FeedbackKind.Up && f.UndoneAt == null && f.InsightCardId != null)
            .Select(f => new { f.InsightCardId, f.CreatedAt }).ToListAsync(cancellationToken);
        var firstLiked = liked.GroupBy(f => f.InsightCardId!.Value).ToDictionary(g => g.Key, g => g.Min(f => f.CreatedAt));
        var ids = firstLiked.Keys.ToList();
        var cards = await db.InsightCards.AsNoTracking().Where(c => ids.Contains(c.Id))
            .Select(c => new
            {
                c.Id,
                c.Headline,
                c.Body,
                c.Quote,
                c.QuoteStartSeconds,
                Show = c.Episode!.Podcast!.Title,
                Episode = c.Episode.Title,
                c.Episode.Link,
            }).ToListAsync(cancellationToken);

        var md = new StringBuilder();
        md.Append("# Insights I liked on ").Append(Escape(app.OperatorName)).Append("\n\n")
            .Append("Exported ").Append(clock.GetUtcNow().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
            .Append(" · ").Append(cards.Count).Append(cards.Count == 1 ? " card" : " cards").Append("\n\n");
        foreach (var card in cards.OrderByDescending(c => firstLiked[c.Id]))
        {
            md.Append("## ").Append(Escape(card.Headline)).Append("\n\n");
            if (card.Show is not null)
            {
                md.Append('*').Append(Escape(CatalogTitle.WithoutMarker(card.Show) ?? card.Show))
                    .Append(card.Episode is null ? "" : " — " + Escape(card.Episode)).Append("*\n\n");
            }
            md.Append(Escape(card.Body)).Append("\n\n");
            if (CardPresentation.QuoteToShow(card.Body, card.Quote) is { } quote)
            {
                md.Append("> ").Append(Escape(quote)).Append("\n\n");
            }
            md.Append('[').Append(TimeLabel.ListenFrom(card.QuoteStartSeconds)).Append("](")
                .Append(ListenLink.Build(links.Home, card.Id, card.Link, card.QuoteStartSeconds)).Append(") · [")
                .Append("The card](").Append(links.Insight(card.Id)).Append(")\n\n");
        }
        return md.ToString();
    }

    /// <summary>Backslash-escapes CommonMark's punctuation that can start markup; one line, no raw HTML.</summary>
    public static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (c is '\r' or '\n' or '\t')
            {
                sb.Append(' ');
                continue;
            }
            if (c is '\\' or '`' or '*' or '_' or '{' or '}' or '[' or ']' or '(' or ')' or '#' or '+' or '-' or '.' or '!' or '<' or '>' or '|' or '~')
            {
                sb.Append('\\');
            }
            sb.Append(c);
        }
        return sb.ToString().Trim();
    }
}
