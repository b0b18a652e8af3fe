using Microsoft.EntityFrameworkCore;
using PodBrief.Core.Common;
using PodBrief.Core.Data;

namespace PodBrief.Core.Subscribers;

public sealed record FeedbackTarget(long DigestId, long DigestItemId, long InsightCardId, long PodcastId, string Headline, string? ShowTitle);

/// <summary>Records 👍 / 👎 / "less from this show" from the links in a digest, and undoes them.</summary>
public sealed class FeedbackRecorder(PodBriefDbContext db, TimeProvider clock)
{
    /// <summary>The digest item, if it belongs to one of this subscriber's digests.</summary>
    public async Task<FeedbackTarget?> FindTargetAsync(long subscriberId, long digestItemId, CancellationToken cancellationToken) =>
        await (from i in db.DigestItems
               join d in db.Digests on i.DigestId equals d.Id
               where i.Id == digestItemId && d.SubscriberId == subscriberId
               select new FeedbackTarget(d.Id, i.Id, i.InsightCardId, i.InsightCard!.PodcastId, i.InsightCard.Headline, i.InsightCard.Episode!.Podcast!.Title))
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>
    /// Records the vote once: one row per digest item and kind (unique index), so a second identical POST — a retry,
    /// a double tap, a link scanner — returns the same row (issue 11), and a vote after an undo revives it.
    /// "Less" also down-weights the show unless it is muted already.
    /// </summary>
    public async Task<long> RecordAsync(long subscriberId, FeedbackTarget target, FeedbackKind kind, CancellationToken cancellationToken)
    {
        if (await FindVoteAsync(subscriberId, target, kind, cancellationToken) is { } existing)
        {
            if (existing.UndoneAt is not null)
            {
                existing.UndoneAt = null;
                await ApplyShowPreferenceAsync(subscriberId, target, kind, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
            }
            return existing.Id;
        }
        var row = new Feedback
        {
            SubscriberId = subscriberId,
            InsightCardId = target.InsightCardId,
            DigestId = target.DigestId,
            PodcastId = target.PodcastId,
            Kind = kind,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Feedback.Add(row);
        await ApplyShowPreferenceAsync(subscriberId, target, kind, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // The same vote raced in from a second request: that one is the vote.
            db.ChangeTracker.Clear();
            var raced = await FindVoteAsync(subscriberId, target, kind, cancellationToken);
            return raced?.Id ?? throw new InvalidOperationException("A feedback row vanished between insert and read.", e);
        }
        return row.Id;
    }

    private Task<Feedback?> FindVoteAsync(long subscriberId, FeedbackTarget target, FeedbackKind kind, CancellationToken cancellationToken) =>
        db.Feedback.FirstOrDefaultAsync(f => f.SubscriberId == subscriberId && f.DigestId == target.DigestId
            && f.InsightCardId == target.InsightCardId && f.Kind == kind, cancellationToken);

    private async Task ApplyShowPreferenceAsync(long subscriberId, FeedbackTarget target, FeedbackKind kind, CancellationToken cancellationToken)
    {
        if (kind == FeedbackKind.LessFromShow)
        {
            var show = await db.SubscriberPodcasts.FirstOrDefaultAsync(p => p.SubscriberId == subscriberId && p.PodcastId == target.PodcastId, cancellationToken);
            if (show is null)
            {
                db.SubscriberPodcasts.Add(new SubscriberPodcast { SubscriberId = subscriberId, PodcastId = target.PodcastId, Preference = PodcastPreference.Less });
            }
            else if (show.Preference == PodcastPreference.Followed)
            {
                show.Preference = PodcastPreference.Less;
            }
        }
    }

    /// <summary>Marks the feedback undone (and lifts a "less" mark); false when it is not this subscriber's.</summary>
    public async Task<bool> UndoAsync(long subscriberId, long feedbackId, CancellationToken cancellationToken)
    {
        var row = await db.Feedback.FirstOrDefaultAsync(f => f.Id == feedbackId && f.SubscriberId == subscriberId, cancellationToken);
        if (row is null)
        {
            return false;
        }
        row.UndoneAt ??= clock.GetUtcNow().UtcDateTime;
        if (row.Kind == FeedbackKind.LessFromShow && row.PodcastId is { } podcastId)
        {
            var show = await db.SubscriberPodcasts.FirstOrDefaultAsync(
                p => p.SubscriberId == subscriberId && p.PodcastId == podcastId && p.Preference == PodcastPreference.Less, cancellationToken);
            if (show is not null)
            {
                db.SubscriberPodcasts.Remove(show);
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
