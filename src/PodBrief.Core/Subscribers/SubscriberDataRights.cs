using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PodBrief.Core.Common;
using PodBrief.Core.Data;

namespace PodBrief.Core.Subscribers;

/// <summary>
/// GDPR access (Art. 15/20) and erasure (Art. 17). Export is everything stored about the person; delete removes
/// it all and leaves only anonymous aggregates (feedback rows without a subscriber, counters).
/// </summary>
public sealed class SubscriberDataRights(PodBriefDbContext db, TimeProvider clock, ILogger<SubscriberDataRights> logger)
{
    public const string DeletedAccountsCounter = "subscribers.deleted";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public async Task<byte[]> ExportJsonAsync(long subscriberId, CancellationToken cancellationToken)
    {
        var s = await db.Subscribers.AsNoTracking().FirstAsync(x => x.Id == subscriberId, cancellationToken);
        var topics = await (from st in db.SubscriberTopics
                            join t in db.Topics on st.TopicId equals t.Id
                            where st.SubscriberId == subscriberId
                            select new { t.Slug, t.Name, st.IsMuted }).ToListAsync(cancellationToken);
        var shows = await (from sp in db.SubscriberPodcasts
                           join p in db.Podcasts on sp.PodcastId equals p.Id
                           where sp.SubscriberId == subscriberId
                           select new { p.Title, p.FeedUrl, sp.Preference }).ToListAsync(cancellationToken);
        var feedback = await db.Feedback.AsNoTracking().Where(f => f.SubscriberId == subscriberId).OrderBy(f => f.Id)
            .Select(f => new { f.Kind, f.InsightCardId, f.DigestId, f.PodcastId, f.CreatedAt, f.UndoneAt }).ToListAsync(cancellationToken);
        var digests = await db.Digests.AsNoTracking().Where(d => d.SubscriberId == subscriberId).OrderBy(d => d.LocalDate)
            .Select(d => new
            {
                d.Id,
                d.LocalDate,
                d.State,
                d.Subject,
                d.SentAt,
                Items = d.Items.OrderBy(i => i.Position).Select(i => new { i.Position, i.InsightCardId, Headline = i.InsightCard!.Headline, i.WhyLine }).ToList(),
            }).ToListAsync(cancellationToken);
        // Token hashes are secrets of no use to the person; when links were made and used is theirs.
        var links = await db.SubscriberTokens.AsNoTracking().Where(t => t.SubscriberId == subscriberId).OrderBy(t => t.Id)
            .Select(t => new { t.Purpose, t.CreatedAt, t.ExpiresAt, t.UsedAt }).ToListAsync(cancellationToken);
        var export = new
        {
            ExportedAt = clock.GetUtcNow().UtcDateTime,
            Subscriber = new
            {
                s.Email,
                s.EmailNormalized,
                s.Status,
                s.TimeZoneId,
                DeliveryTime = s.DeliveryTimeLocal.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
                s.Frequency,
                s.WeeklyDay,
                s.NextSendAt,
                s.Interests,
                HasLearnedProfile = s.ProfileEmbedding is not null,
                s.ProfileEmbeddingModel,
                s.ProfileUpdatedAt,
                s.CreatedAt,
                s.ConfirmedAt,
                s.UnsubscribedAt,
                s.HardBounceCount,
            },
            Consent = new { s.ConsentedAt, s.ConsentFormVersion, s.ConsentIpHash },
            Topics = topics,
            Shows = shows,
            Feedback = feedback,
            Digests = digests,
            Links = links,
        };
        return JsonSerializer.SerializeToUtf8Bytes(export, JsonOptions);
    }

    /// <summary>Erases the subscriber and everything that points at them; counts the deletion.</summary>
    public async Task DeleteAsync(long subscriberId, CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            // Explicit rather than relying on ON DELETE rules, so both providers behave the same.
            await db.Feedback.Where(f => f.SubscriberId == subscriberId)
                .ExecuteUpdateAsync(u => u.SetProperty(f => f.SubscriberId, (long?)null).SetProperty(f => f.DigestId, (long?)null), cancellationToken);
            await db.DigestItems.Where(i => db.Digests.Any(d => d.Id == i.DigestId && d.SubscriberId == subscriberId)).ExecuteDeleteAsync(cancellationToken);
            await db.Digests.Where(d => d.SubscriberId == subscriberId).ExecuteDeleteAsync(cancellationToken);
            await db.SubscriberTokens.Where(t => t.SubscriberId == subscriberId).ExecuteDeleteAsync(cancellationToken);
            await db.SubscriberTopics.Where(t => t.SubscriberId == subscriberId).ExecuteDeleteAsync(cancellationToken);
            await db.SubscriberPodcasts.Where(p => p.SubscriberId == subscriberId).ExecuteDeleteAsync(cancellationToken);
            await db.Subscribers.Where(s => s.Id == subscriberId).ExecuteDeleteAsync(cancellationToken);
            await AggregateCounters.IncrementAsync(db, DeletedAccountsCounter, 1, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        });
        db.ChangeTracker.Clear();
        logger.LogInformation("Subscriber {SubscriberId} deleted their account", subscriberId);
    }
}
