using System.Data.Common;
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
/// cards once, ranks the whole batch at once, then in one transaction per batch claims every subscriber's
/// schedule slot (one conditional UPDATE of NextSendAt for the batch, so two workers never both create a
/// digest) and inserts the claimed digests with their items. The unique key per subscriber and local date stays
/// the last word: a batch that hits it is redone one subscriber at a time. Late digests (outage) are recorded
/// as Skipped; digests with no card above the quality floor as Empty; neither is mailed. Sending is the
/// caller's (<see cref="DispatchDigestBatchJob"/>, the CLI).
/// </summary>
public sealed class DigestDispatcher(
    PodBriefDbContext db,
    RankingInputLoader loader,
    AlreadySentQuery alreadySent,
    DigestRanker ranker,
    IOptions<DigestOptions> digestOptions,
    IOptions<RankingOptions> rankingOptions,
    IOptions<AppOptions> appOptions,
    ILogger<DigestDispatcher> logger)
{
    private sealed record DueSubscriber(
        long Id, string Email, string TimeZoneId, TimeOnly DeliveryTimeLocal, DeliveryFrequency Frequency, DayOfWeek WeeklyDay, DateTime NextSendAt);

    private sealed record Planned(DueSubscriber Subscriber, DateTime? Next, DispatchedDigest Dispatched, Digest? Row);

    /// <summary>Every due subscriber, all ids.</summary>
    public Task<DispatchReport> DispatchDueAsync(
        DateTime nowUtc, DispatchMode mode = DispatchMode.CreateOnly, IProgress<DispatchProgress>? progress = null,
        CancellationToken cancellationToken = default) =>
        DispatchRangeAsync(nowUtc, 1, long.MaxValue, mode, progress, cancellationToken);

    /// <summary>
    /// The due subscribers as id ranges of at most Digests:BatchSize each, for one <see cref="DispatchDigestBatchJob"/>
    /// per range (a range, not a list: the job stays small, and a subscriber who became due meanwhile is included).
    /// </summary>
    public async Task<IReadOnlyList<(long First, long Last)>> DueRangesAsync(DateTime nowUtc, CancellationToken cancellationToken)
    {
        nowUtc = DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc);
        var ids = await DueQuery(nowUtc, 0, long.MaxValue).OrderBy(s => s.Id).Select(s => s.Id).ToListAsync(cancellationToken);
        return [.. ids.Chunk(digestOptions.Value.BatchSize).Select(chunk => (chunk[0], chunk[^1]))];
    }

    /// <summary>
    /// Due subscribers with <paramref name="firstId"/> ≤ id ≤ <paramref name="lastId"/>. With <paramref name="claimFor"/>
    /// (a <see cref="DigestBatchSender.NewClaimToken"/>), digests to send are inserted already claimed by that sender
    /// ("sending", attempt 1): the caller sends them next, and the row is written twice (insert, outcome) instead of
    /// three times (insert, claim, outcome; issue 13). The claim is as atomic as before: the row exists only once the
    /// slot claim and the insert commit together, and no other sender ever sees it pending.
    /// </summary>
    public async Task<DispatchReport> DispatchRangeAsync(
        DateTime nowUtc, long firstId, long lastId, DispatchMode mode, IProgress<DispatchProgress>? progress, CancellationToken cancellationToken,
        string? claimFor = null)
    {
        nowUtc = DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc);
        var options = digestOptions.Value;
        var report = new DispatchReport
        {
            Due = await DueQuery(nowUtc, firstId, lastId).CountAsync(cancellationToken),
        };
        if (report.Due == 0)
        {
            return report;
        }
        RankingCandidates candidates;
        using (DigestRunMetrics.Time("load"))
        using (DigestRunMetrics.Time("load/candidates"))
        {
            candidates = await loader.LoadCandidatesAsync(nowUtc, rankingOptions.Value, cancellationToken);
        }
        var done = 0;
        var after = firstId - 1;
        while (true)
        {
            // Keyset paging by id: a dry run advances nothing, so "still due" cannot be the cursor.
            List<DueSubscriber> batch;
            using (DigestRunMetrics.Time("load"))
            using (DigestRunMetrics.Time("load/due"))
            {
                batch = await DueQuery(nowUtc, after + 1, lastId).OrderBy(s => s.Id).Take(options.BatchSize)
                    .Select(s => new DueSubscriber(s.Id, s.Email, s.TimeZoneId, s.DeliveryTimeLocal, s.Frequency, s.WeeklyDay, s.NextSendAt!.Value))
                    .ToListAsync(cancellationToken);
            }
            if (batch.Count == 0)
            {
                break;
            }
            after = batch[^1].Id;
            var onTime = batch.Where(s => !IsLate(s, nowUtc, options) && s.Frequency != DeliveryFrequency.Paused).ToList();
            var picks = await RankAsync(onTime, candidates, save: mode != DispatchMode.DryRun, cancellationToken);
            var planned = batch.Select(s => Plan(s, picks.GetValueOrDefault(s.Id), nowUtc, mode, options, claimFor)).ToList();
            IReadOnlyList<DispatchedDigest> created;
            using (DigestRunMetrics.Time("persist"))
            {
                created = mode == DispatchMode.DryRun
                    ? [.. planned.Where(p => p.Subscriber.Frequency != DeliveryFrequency.Paused).Select(p => p.Dispatched)]
                    : await PersistAsync(planned, cancellationToken);
            }
            report.Digests.AddRange(created);
            report.AlreadyHandled += batch.Count - created.Count;
            done += batch.Count;
            progress?.Report(new DispatchProgress(done, report.Due));
        }
        DigestTelemetry.Count(DigestState.Empty, report.Count(DigestState.Empty));
        DigestTelemetry.Count(DigestState.Skipped, report.Count(DigestState.Skipped));
        logger.LogInformation("Dispatched digests: {Pending} to send, {Empty} empty, {Skipped} skipped as late, {Handled} already handled",
            report.Count(DigestState.Pending), report.Count(DigestState.Empty), report.Count(DigestState.Skipped), report.AlreadyHandled);
        return report;
    }

    private IQueryable<Subscriber> DueQuery(DateTime nowUtc, long firstId, long lastId) =>
        db.Subscribers.AsNoTracking().Where(s => s.Status == SubscriberStatus.Active && s.NextSendAt != null && s.NextSendAt <= nowUtc
            && s.Id >= firstId && s.Id <= lastId);

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
        List<RankingSubscriber> inputs;
        using (DigestRunMetrics.Time("load"))
        {
            IReadOnlyDictionary<long, AlreadySent> sent;
            using (DigestRunMetrics.Time("load/already-sent"))
            {
                sent = await alreadySent.LoadAsync(ids, candidates, cancellationToken);
            }
            using (DigestRunMetrics.Time("load/preferences+profiles"))
            {
                inputs = await loader.LoadSubscribersAsync(ids, candidates, sent, save, cancellationToken);
            }
        }
        using (DigestRunMetrics.Time("rank"))
        {
            var ranked = ranker.RankAll(candidates, inputs, cancellationToken);
            return inputs.Select((s, i) => (s.Id, Picks: ranked[i])).ToDictionary(x => x.Id, x => x.Picks);
        }
    }

    private Planned Plan(
        DueSubscriber subscriber, IReadOnlyList<RankedPick>? picks, DateTime nowUtc, DispatchMode mode, DigestOptions options, string? claimFor)
    {
        var localDate = DeliverySchedule.LocalDate(subscriber.TimeZoneId, subscriber.NextSendAt);
        var next = NextAfter(subscriber, nowUtc, localDate);
        var late = IsLate(subscriber, nowUtc, options);
        picks = late ? [] : picks ?? [];
        var state = late ? DigestState.Skipped : picks.Count == 0 ? DigestState.Empty : DigestState.Pending;
        var items = picks.Select(p => new DispatchedItem(p.CardId, p.Headline, p.WhyLine, p.Score)).ToList();
        var dispatched = new DispatchedDigest(null, subscriber.Id, subscriber.Email, localDate, subscriber.NextSendAt, state, next, items);
        if (mode == DispatchMode.DryRun || subscriber.Frequency == DeliveryFrequency.Paused)
        {
            return new Planned(subscriber, next, dispatched, null);
        }
        var claimed = claimFor is not null && state == DigestState.Pending;
        var row = new Digest
        {
            SubscriberId = subscriber.Id,
            LocalDate = localDate,
            ScheduledFor = subscriber.NextSendAt,
            // What DigestBatchSender's claim would write next (see DispatchRangeAsync).
            State = claimed ? DigestState.Sending : state,
            Attempts = claimed ? 1 : 0,
            ClaimedAt = claimed ? nowUtc : null,
            ClaimedBy = claimed ? claimFor : null,
            MessageId = NewMessageId(),
            CreatedAt = nowUtc,
            LastError = late ? $"Skipped: {nowUtc - subscriber.NextSendAt:g} late, more than Digests:MaxLateness ({options.MaxLateness:g})." : null,
            Items = [.. picks.Select(p => new DigestItem
            {
                InsightCardId = p.CardId,
                ClusterId = p.ClusterId,
                Position = p.Position,
                Score = p.Score,
                WhyLine = p.WhyLine,
            })],
        };
        return new Planned(subscriber, next, dispatched, row);
    }

    /// <summary>
    /// One transaction for the batch: claim every slot (NextSendAt still what we read, else another worker has
    /// it), insert the digests and items of the claimed ones. Returns what was created.
    /// </summary>
    private async Task<List<DispatchedDigest>> PersistAsync(List<Planned> planned, CancellationToken cancellationToken)
    {
        foreach (var paused in planned.Where(p => p.Row is null))
        {
            // Paused after this send was scheduled: nothing to send, nothing scheduled.
            await AdvanceAsync(paused.Subscriber, paused.Next, cancellationToken);
        }
        var created = new List<DispatchedDigest>();
        foreach (var unscheduled in planned.Where(p => p.Row is not null && p.Next is null))
        {
            if (await CreateOneAsync(unscheduled, cancellationToken))
            {
                created.Add(unscheduled.Dispatched with { DigestId = unscheduled.Row!.Id });
            }
        }
        var toCreate = planned.Where(p => p.Row is not null && p.Next is not null).ToList();
        if (toCreate.Count == 0)
        {
            return created;
        }
        db.ChangeTracker.Clear();
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            try
            {
                // The write comes first so SQLite takes its write lock before any read (no lock-upgrade deadlock),
                // and PostgreSQL re-checks the condition after waiting for a concurrent claim (READ COMMITTED).
                HashSet<long> claimed;
                using (DigestRunMetrics.Time("persist/claim-slots"))
                {
                    claimed = (await ClaimAsync(toCreate, cancellationToken)).ToHashSet();
                }
                var mine = toCreate.Where(p => claimed.Contains(p.Subscriber.Id)).ToList();
                await InsertAsync([.. mine.Select(p => p.Row!)], cancellationToken);
                using (DigestRunMetrics.Time("persist/commit"))
                {
                    await transaction.CommitAsync(cancellationToken);
                }
                db.ChangeTracker.Clear();
                created.AddRange(mine.Select(p => p.Dispatched with { DigestId = p.Row!.Id }));
                return created;
            }
            catch (DbException ex) when (ex.IsUniqueViolation())
            {
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
            }
        }
        // Someone has a digest for one of these local dates already: redo the batch one subscriber at a time.
        foreach (var one in toCreate)
        {
            one.Row!.Id = 0;
            foreach (var item in one.Row.Items)
            {
                item.Id = 0;
                item.DigestId = 0;
            }
            if (await CreateOneAsync(one, cancellationToken))
            {
                created.Add(one.Dispatched with { DigestId = one.Row.Id });
            }
        }
        return created;
    }

    /// <summary>
    /// The batch's digests and items in a few multi-row INSERTs instead of one statement per row (issue 13); each
    /// row's new id is matched back by its Message-ID, which is unique.
    /// </summary>
    private async Task InsertAsync(List<Digest> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }
        Dictionary<string, long> ids;
        using (DigestRunMetrics.Time("persist/digests"))
        {
            ids = await RowValuesInsert.InsertReturningIdsAsync(db, "Digests", DigestColumns,
                [.. rows.Select(d => new object?[]
                {
                    d.SubscriberId, d.LocalDate, Utc(d.ScheduledFor), d.State.ToString(), d.MessageId, d.Attempts, Utc(d.CreatedAt), d.LastError,
                    d.ClaimedAt is { } at ? Utc(at) : null, d.ClaimedBy,
                })],
                nameof(Digest.MessageId), cancellationToken);
        }
        foreach (var row in rows)
        {
            row.Id = ids[row.MessageId];
        }
        using (DigestRunMetrics.Time("persist/items"))
        {
            await RowValuesInsert.InsertAsync(db, "DigestItems", ItemColumns,
                [.. rows.SelectMany(d => d.Items.Select(i => new object?[] { d.Id, i.InsightCardId, i.ClusterId, i.Position, i.Score, i.WhyLine }))],
                cancellationToken);
        }
    }

    private static readonly string[] DigestColumns =
    [
        nameof(Digest.SubscriberId), nameof(Digest.LocalDate), nameof(Digest.ScheduledFor), nameof(Digest.State),
        nameof(Digest.MessageId), nameof(Digest.Attempts), nameof(Digest.CreatedAt), nameof(Digest.LastError),
        nameof(Digest.ClaimedAt), nameof(Digest.ClaimedBy),
    ];

    private static readonly string[] ItemColumns =
    [
        nameof(DigestItem.DigestId), nameof(DigestItem.InsightCardId), nameof(DigestItem.ClusterId),
        nameof(DigestItem.Position), nameof(DigestItem.Score), nameof(DigestItem.WhyLine),
    ];

    private static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);

    /// <summary>Moves each subscriber's NextSendAt on, only where it is still the slot we read; returns the ids moved.</summary>
    private Task<List<long>> ClaimAsync(IReadOnlyList<Planned> planned, CancellationToken cancellationToken) =>
        RowValuesUpdate.UpdateReturningIdsAsync(db, "Subscribers",
            set: "\"NextSendAt\" = v.column3",
            where: "t.\"Id\" = v.column1 AND t.\"NextSendAt\" = v.column2",
            [.. planned.Select(p => new object[] { p.Subscriber.Id, p.Subscriber.NextSendAt, p.Next! })],
            [],
            cancellationToken);

    private async Task<bool> CreateOneAsync(Planned planned, CancellationToken cancellationToken)
    {
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            try
            {
                if (await Claim(planned.Subscriber).ExecuteUpdateAsync(s => s.SetProperty(x => x.NextSendAt, planned.Next), cancellationToken) == 0)
                {
                    await transaction.RollbackAsync(cancellationToken);
                    return false;
                }
                db.Digests.Add(planned.Row!);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                db.ChangeTracker.Clear();
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
        logger.LogInformation("Subscriber {SubscriberId} already has a digest for {LocalDate}; schedule advanced", planned.Subscriber.Id, planned.Row!.LocalDate);
        await AdvanceAsync(planned.Subscriber, planned.Next, cancellationToken);
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
