using System.Data.Common;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PodBrief.Core.Common;
using PodBrief.Core.Data;
using PodBrief.Core.Ranking;
using PodBrief.Core.Subscribers;

namespace PodBrief.Core.Digests;

/// <summary>
/// Turns due subscribers (active, NextSendAt ≤ now) into digest rows, a batch at a time: loads the candidate
/// cards once, ranks the whole batch at once, then per subscriber, in one transaction, claims the schedule slot
/// (a conditional update of NextSendAt, so two workers never both create it), inserts the digest with its items
/// (unique per subscriber and local date) and advances NextSendAt. Late digests (outage) are recorded as
/// Skipped; digests with no card above the quality floor as Empty; neither is mailed.
/// </summary>
public sealed class DigestDispatcher(
    PodBriefDbContext db,
    RankingInputLoader loader,
    AlreadySentQuery alreadySent,
    SubscriberProfileBuilder profiles,
    DigestRanker ranker,
    IBackgroundJobClient jobs,
    IOptions<DigestOptions> digestOptions,
    IOptions<RankingOptions> rankingOptions,
    IOptions<AppOptions> appOptions,
    ILogger<DigestDispatcher> logger)
{
    private sealed record DueSubscriber(
        long Id, string Email, string TimeZoneId, TimeOnly DeliveryTimeLocal, DeliveryFrequency Frequency, DayOfWeek WeeklyDay, DateTime NextSendAt);

    public async Task<DispatchReport> DispatchDueAsync(
        DateTime nowUtc, DispatchMode mode = DispatchMode.Enqueue, IProgress<DispatchProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        nowUtc = DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc);
        var options = digestOptions.Value;
        var report = new DispatchReport
        {
            Due = await DueQuery(nowUtc, 0).CountAsync(cancellationToken),
        };
        if (report.Due == 0)
        {
            return report;
        }
        var candidates = await loader.LoadCandidatesAsync(nowUtc, rankingOptions.Value, cancellationToken);
        var done = 0;
        long lastId = 0;
        while (true)
        {
            // Keyset paging by id: a dry run advances nothing, so "still due" cannot be the cursor.
            var batch = await DueQuery(nowUtc, lastId).OrderBy(s => s.Id).Take(options.BatchSize)
                .Select(s => new DueSubscriber(s.Id, s.Email, s.TimeZoneId, s.DeliveryTimeLocal, s.Frequency, s.WeeklyDay, s.NextSendAt!.Value))
                .ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }
            lastId = batch[^1].Id;
            var onTime = batch.Where(s => !IsLate(s, nowUtc, options) && s.Frequency != DeliveryFrequency.Paused).ToList();
            var picks = await RankAsync(onTime, candidates, save: mode != DispatchMode.DryRun, cancellationToken);
            foreach (var subscriber in batch)
            {
                var dispatched = await DispatchOneAsync(subscriber, picks.GetValueOrDefault(subscriber.Id), nowUtc, mode, options, cancellationToken);
                if (dispatched is null)
                {
                    report.AlreadyHandled++;
                }
                else
                {
                    report.Digests.Add(dispatched);
                }
                progress?.Report(new DispatchProgress(++done, report.Due));
            }
        }
        logger.LogInformation("Dispatched digests: {Pending} to send, {Empty} empty, {Skipped} skipped as late, {Handled} already handled",
            report.Count(DigestState.Pending), report.Count(DigestState.Empty), report.Count(DigestState.Skipped), report.AlreadyHandled);
        return report;
    }

    private IQueryable<Subscriber> DueQuery(DateTime nowUtc, long afterId) =>
        db.Subscribers.AsNoTracking().Where(s => s.Status == SubscriberStatus.Active && s.NextSendAt != null && s.NextSendAt <= nowUtc && s.Id > afterId);

    private static bool IsLate(DueSubscriber subscriber, DateTime nowUtc, DigestOptions options) =>
        nowUtc - subscriber.NextSendAt > options.MaxLateness;

    private async Task<Dictionary<long, IReadOnlyList<RankedPick>>> RankAsync(
        List<DueSubscriber> subscribers, RankingCandidates candidates, bool save, CancellationToken cancellationToken)
    {
        if (subscribers.Count == 0 || candidates.Count == 0)
        {
            return [];
        }
        var ids = subscribers.Select(s => s.Id).ToList();
        var profileMap = candidates.Model is null
            ? new Dictionary<long, float[]?>()
            : await profiles.RefreshAsync(ids, candidates.Model, save, cancellationToken);
        var sent = await alreadySent.LoadAsync(ids, candidates, cancellationToken);
        var inputs = await loader.LoadSubscribersAsync(ids, candidates, profileMap, sent, cancellationToken);
        var ranked = ranker.RankAll(candidates, inputs, cancellationToken);
        return inputs.Select((s, i) => (s.Id, Picks: ranked[i])).ToDictionary(x => x.Id, x => x.Picks);
    }

    private async Task<DispatchedDigest?> DispatchOneAsync(
        DueSubscriber subscriber, IReadOnlyList<RankedPick>? picks, DateTime nowUtc, DispatchMode mode, DigestOptions options,
        CancellationToken cancellationToken)
    {
        var localDate = DeliverySchedule.LocalDate(subscriber.TimeZoneId, subscriber.NextSendAt);
        var next = NextAfter(subscriber, nowUtc, localDate);
        if (subscriber.Frequency == DeliveryFrequency.Paused)
        {
            // Paused after this send was scheduled: nothing to send, nothing scheduled.
            if (mode != DispatchMode.DryRun)
            {
                await AdvanceAsync(subscriber, next, cancellationToken);
            }
            return null;
        }
        var late = IsLate(subscriber, nowUtc, options);
        picks ??= [];
        var state = late ? DigestState.Skipped : picks.Count == 0 ? DigestState.Empty : DigestState.Pending;
        var items = late ? [] : picks.Select(p => new DispatchedItem(p.CardId, p.Headline, p.WhyLine, p.Score)).ToList();
        if (mode == DispatchMode.DryRun)
        {
            return new DispatchedDigest(null, subscriber.Id, subscriber.Email, localDate, subscriber.NextSendAt, state, next, items);
        }

        var digest = new Digest
        {
            SubscriberId = subscriber.Id,
            LocalDate = localDate,
            ScheduledFor = subscriber.NextSendAt,
            State = state,
            MessageId = NewMessageId(),
            CreatedAt = nowUtc,
            LastError = late ? $"Skipped: {nowUtc - subscriber.NextSendAt:g} late, more than Digests:MaxLateness ({options.MaxLateness:g})." : null,
            Items = late ? [] : picks.Select(p => new DigestItem
            {
                InsightCardId = p.CardId,
                ClusterId = p.ClusterId,
                Position = p.Position,
                Score = p.Score,
                WhyLine = p.WhyLine,
            }).ToList(),
        };
        if (!await CreateAsync(subscriber, digest, next, cancellationToken))
        {
            return null;
        }
        if (state == DigestState.Pending && mode == DispatchMode.Enqueue)
        {
            var digestId = digest.Id;
            jobs.Enqueue<SendDigestJob>(j => j.RunAsync(digestId, CancellationToken.None));
        }
        return new DispatchedDigest(digest.Id, subscriber.Id, subscriber.Email, localDate, subscriber.NextSendAt, state, next, items);
    }

    /// <summary>
    /// One transaction: claim the slot (NextSendAt still what we read, else another worker has it), insert the
    /// digest and its items. False when someone else got there first.
    /// </summary>
    private async Task<bool> CreateAsync(DueSubscriber subscriber, Digest digest, DateTime? next, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            try
            {
                // The write comes first so SQLite takes its write lock before any read (no lock-upgrade deadlock),
                // and PostgreSQL re-checks the condition after waiting for a concurrent claim (READ COMMITTED).
                if (await Claim(subscriber).ExecuteUpdateAsync(s => s.SetProperty(x => x.NextSendAt, next), cancellationToken) == 0)
                {
                    await transaction.RollbackAsync(cancellationToken);
                    return false;
                }
                db.Digests.Add(digest);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return true;
            }
            catch (DbUpdateException ex) when (ex.IsUniqueViolation())
            {
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
            }
        }
        // A digest for this local date exists already (e.g. the delivery time was moved later the same day):
        // not an error; just move the schedule on so the subscriber is not due forever.
        logger.LogInformation("Subscriber {SubscriberId} already has a digest for {LocalDate}; schedule advanced", subscriber.Id, digest.LocalDate);
        await AdvanceAsync(subscriber, next, cancellationToken);
        return false;
    }

    private async Task AdvanceAsync(DueSubscriber subscriber, DateTime? next, CancellationToken cancellationToken) =>
        await Claim(subscriber).ExecuteUpdateAsync(s => s.SetProperty(x => x.NextSendAt, next), cancellationToken);

    /// <summary>The subscriber's row, only while NextSendAt is still the slot we are dispatching.</summary>
    private IQueryable<Subscriber> Claim(DueSubscriber subscriber)
    {
        var scheduled = subscriber.NextSendAt;
        return db.Subscribers.Where(s => s.Id == subscriber.Id && s.NextSendAt == scheduled);
    }

    /// <summary>The next delivery after now, on a later local date than the digest just made (DST-proof).</summary>
    private static DateTime? NextAfter(DueSubscriber s, DateTime nowUtc, DateOnly localDate)
    {
        var next = DeliverySchedule.NextSendAt(s.TimeZoneId, s.DeliveryTimeLocal, s.Frequency, s.WeeklyDay, nowUtc);
        while (next is { } n && DeliverySchedule.LocalDate(s.TimeZoneId, n) <= localDate)
        {
            next = DeliverySchedule.NextSendAt(s.TimeZoneId, s.DeliveryTimeLocal, s.Frequency, s.WeeklyDay, n);
        }
        return next;
    }

    private string NewMessageId() => $"<{Guid.NewGuid():N}@{appOptions.Value.PublicBaseUri.Host}>";
}
