using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using PodBrief.Core.Data;
using PodBrief.Core.Ranking;
using PodBrief.Core.Subscribers;

namespace PodBrief.Core.Digests;

/// <summary>A rendered preview: the email as it would be sent, and the cards ranked for it.</summary>
public sealed record DigestPreview(DateOnly LocalDate, MimeMessage Message, IReadOnlyList<RankedPick> Picks);

/// <summary>
/// Renders a subscriber's next digest, read-only: the pending digest already dispatched for them if there is one,
/// else a fresh ranking as of now with the same candidates, profile and ranker as the dispatcher. No digest row,
/// no profile saved, no tokens issued (the preview's links carry a placeholder token and do not work), nothing sent.
/// </summary>
public sealed class DigestPreviewer(
    PodBriefDbContext db,
    DigestMessageFactory messages,
    RankingInputLoader loader,
    AlreadySentQuery alreadySent,
    DigestRanker ranker,
    DigestEmailComposer composer,
    IOptions<RankingOptions> rankingOptions,
    TimeProvider clock)
{
    /// <summary>Stands in for the subscriber's link tokens in a preview.</summary>
    public const string PlaceholderToken = "preview";

    public async Task<DigestPreview> PreviewAsync(Subscriber subscriber, CancellationToken cancellationToken)
    {
        var pending = await db.Digests.AsNoTracking()
            .Where(d => d.SubscriberId == subscriber.Id && d.State == DigestState.Pending && d.Items.Count > 0)
            .OrderBy(d => d.LocalDate).FirstOrDefaultAsync(cancellationToken);
        if (pending is not null)
        {
            var dispatched = await messages.LoadCardsAsync(pending.Id, cancellationToken);
            var stored = dispatched.Select((c, i) => new RankedPick(c.InsightCardId, null, i, 0, c.WhyLine, c.Headline)).ToList();
            return Render(subscriber, pending.Id, pending.LocalDate, pending.MessageId, dispatched, stored);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var candidates = await loader.LoadCandidatesAsync(now, rankingOptions.Value, cancellationToken);
        IReadOnlyList<RankedPick> picks = [];
        if (candidates.Count > 0)
        {
            var sent = await alreadySent.LoadAsync([subscriber.Id], candidates, cancellationToken);
            var inputs = await loader.LoadSubscribersAsync([subscriber.Id], candidates, sent, saveProfiles: false, cancellationToken);
            picks = ranker.RankAll(candidates, inputs, cancellationToken)[0];
        }
        var cards = await LoadCardsAsync(picks, cancellationToken);
        var localDate = DeliverySchedule.LocalDate(subscriber.TimeZoneId, subscriber.NextSendAt ?? now);
        return Render(subscriber, 0, localDate, $"<preview-{subscriber.Id}@podbrief.invalid>", cards, picks);
    }

    private DigestPreview Render(Subscriber subscriber, long digestId, DateOnly localDate, string messageId, IReadOnlyList<DigestEmailCard> cards, IReadOnlyList<RankedPick> picks)
    {
        var content = new DigestEmailContent(digestId, messageId, subscriber.Email, localDate, PlaceholderToken, PlaceholderToken, cards);
        return new DigestPreview(localDate, composer.Compose(content), picks);
    }

    private async Task<IReadOnlyList<DigestEmailCard>> LoadCardsAsync(IReadOnlyList<RankedPick> picks, CancellationToken cancellationToken)
    {
        var ids = picks.Select(p => p.CardId).ToList();
        var rows = await db.InsightCards.AsNoTracking()
            .Where(c => ids.Contains(c.Id))
            .Select(c => new
            {
                c.Id,
                c.Headline,
                c.Body,
                Show = c.Episode!.Podcast!.Title,
                Episode = c.Episode.Title,
                Url = c.Episode.Link ?? c.Episode.EnclosureUrl,
                c.QuoteStartSeconds,
            })
            .ToDictionaryAsync(c => c.Id, cancellationToken);
        return picks.Where(p => rows.ContainsKey(p.CardId))
            .Select(p =>
            {
                var c = rows[p.CardId];
                return new DigestEmailCard(0, c.Id, c.Headline, c.Body, c.Show, c.Episode, c.Url, c.QuoteStartSeconds, p.WhyLine);
            })
            .ToList();
    }
}
