using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PodBrief.Core.Common;
using PodBrief.Core.Data;
using PodBrief.Core.Mail;
using PodBrief.Core.Subscribers;

namespace PodBrief.Core.Digests;

/// <summary>
/// Collects what happened to each digest of a batch (from several sending threads) and writes it in a few
/// statements: one UPDATE … FROM (VALUES …) for every sent digest with its own subject, the bounce reset and the
/// "digests sent" counter in the same transaction; the rest grouped by outcome. Every write is conditional on
/// the digest still being claimed by this worker, so a digest that someone else took over is never overwritten.
/// </summary>
internal sealed class DigestOutcomeWriter(
    PodBriefDbContext db, string worker, DigestSendingOptions options, TimeProvider clock, ILogger logger)
{
    private sealed record Outcome(Digest Digest, DigestState State, string? Error, string? Subject, DateTime? NextAttemptAt, bool HardBounce);

    private readonly ConcurrentDictionary<long, Outcome> _outcomes = new();

    public DigestSendReport Report { get; } = new();

    public bool Has(long digestId) => _outcomes.ContainsKey(digestId);

    public void Record(Digest digest, MailSendResult result, string? subject)
    {
        var error = Truncate(result.Error);
        switch (result.Outcome)
        {
            case MailSendOutcome.Sent:
                Add(new Outcome(digest, DigestState.Sent, null, subject, null, false));
                break;
            case MailSendOutcome.PermanentFailure:
                Add(new Outcome(digest, DigestState.Failed, error, subject, null, HardBounce: true));
                break;
            case MailSendOutcome.Unknown:
                Add(new Outcome(digest, DigestState.Unknown, Truncate("Connection lost after the message was sent; not resent. " + error), subject, null, false));
                break;
            default:
                Transient(digest, error);
                break;
        }
    }

    /// <summary>Nothing went out: retry later with back-off, or give up after the last attempt.</summary>
    public void Transient(Digest digest, string? error)
    {
        if (digest.Attempts >= options.MaxAttempts)
        {
            Add(new Outcome(digest, DigestState.Failed, Truncate($"Gave up after {digest.Attempts} attempts: {error}"), null, null, false));
            return;
        }
        var next = clock.GetUtcNow().UtcDateTime + options.RetryDelay(digest.Attempts);
        Add(new Outcome(digest, DigestState.Pending, Truncate(error), null, next, false));
    }

    public void Skipped(Digest digest, string reason, string? subject) => Add(new Outcome(digest, DigestState.Skipped, reason, subject, null, false));

    public void Empty(Digest digest) => Add(new Outcome(digest, DigestState.Empty, "No cards to send.", null, null, false));

    private void Add(Outcome outcome)
    {
        if (!_outcomes.TryAdd(outcome.Digest.Id, outcome))
        {
            return;
        }
        lock (Report)
        {
            Report.Claimed++;
            switch (outcome.State)
            {
                case DigestState.Sent: Report.Sent++; break;
                case DigestState.Pending: Report.WaitingToRetry++; break;
                case DigestState.Failed: Report.Failed++; break;
                case DigestState.Unknown: Report.Unknown++; break;
                case DigestState.Skipped: Report.Skipped++; break;
                default: Report.Empty++; break;
            }
        }
    }

    public async Task FlushAsync()
    {
        using var _ = DigestRunMetrics.Time("mark");
        var all = _outcomes.Values.ToList();
        var sent = all.Where(o => o.State == DigestState.Sent).ToList();
        try
        {
            await WriteSentAsync(sent);
            DigestTelemetry.Count(DigestState.Sent, sent.Count);
        }
        catch (Exception ex)
        {
            // The mail server has these messages; recording it failed. Never risk a resend.
            logger.LogError(ex, "Recording {Count} sent digest(s) failed; marking them unknown", sent.Count);
            db.ChangeTracker.Clear();
            await WriteGroupsAsync(sent.Select(o => o with { State = DigestState.Unknown, Error = Truncate("Outcome not recorded: " + ex.Message) }).ToList());
            DigestTelemetry.Count(DigestState.Unknown, sent.Count);
            throw;
        }
        await WriteGroupsAsync(all.Where(o => o.State != DigestState.Sent).ToList());
        foreach (var bounce in all.Where(o => o.HardBounce))
        {
            await CountHardBounceAsync(bounce.Digest.SubscriberId);
        }
    }

    private async Task WriteSentAsync(List<Outcome> sent)
    {
        if (sent.Count == 0)
        {
            return;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
        using (DigestRunMetrics.Time("mark/digests"))
        {
            // The claim check (still sending, still ours) travels with each row rather than as constants: as constants
            // PostgreSQL estimated one matching digest (the claim token is new to its statistics), put the table
            // outside a nested loop and re-read all 1,000 rows of the batch for each digest, 0.6 s a batch.
            // Compared with the row's own values, the table side has no filter for the statistics to misjudge: it is
            // joined by id (index lookups, or one scan and a hash join), linear in the batch either way (issue 13).
            await RowValuesUpdate.UpdateReturningIdsAsync(db, "Digests",
                set: """ "State" = {c0}, "SentAt" = {c1}, "Subject" = v.column2, "LastError" = NULL, "NextAttemptAt" = NULL """,
                where: """t."Id" = v.column1 AND t."State" = v.column3 AND t."ClaimedBy" = v.column4""",
                sent.Select(o => new object[] { o.Digest.Id, o.Subject ?? "", nameof(DigestState.Sending), worker }).ToList(),
                [nameof(DigestState.Sent), now],
                CancellationToken.None);
        }
        // A delivered digest shows the address works: bounces must be consecutive to suppress it.
        var subscriberIds = sent.Select(o => o.Digest.SubscriberId).Distinct().ToList();
        await db.Subscribers.Where(s => subscriberIds.Contains(s.Id) && s.HardBounceCount > 0)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.HardBounceCount, 0), CancellationToken.None);
        await AggregateCounters.IncrementAsync(db, SendDigestJob.SentCounter, sent.Count, CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
    }

    /// <summary>Outcomes other than sent, one statement per distinct (state, error, subject, next attempt): an outage is a handful.</summary>
    private async Task WriteGroupsAsync(List<Outcome> outcomes)
    {
        foreach (var group in outcomes.GroupBy(o => (o.State, o.Error, o.Subject, o.NextAttemptAt)))
        {
            var ids = group.Select(o => o.Digest.Id).ToList();
            var (state, error, subject, next) = group.Key;
            await db.Digests.Where(d => ids.Contains(d.Id) && d.State == DigestState.Sending && d.ClaimedBy == worker)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(d => d.State, state)
                    .SetProperty(d => d.LastError, error)
                    .SetProperty(d => d.Subject, d => subject ?? d.Subject)
                    .SetProperty(d => d.NextAttemptAt, next), CancellationToken.None);
            DigestTelemetry.Count(state, ids.Count);
        }
    }

    private async Task CountHardBounceAsync(long subscriberId)
    {
        await db.Subscribers.Where(s => s.Id == subscriberId)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.HardBounceCount, x => x.HardBounceCount + 1), CancellationToken.None);
        var suppressed = await db.Subscribers
            .Where(s => s.Id == subscriberId && s.Status == SubscriberStatus.Active && s.HardBounceCount >= options.SuppressAfterHardBounces)
            .ExecuteUpdateAsync(s => s
                .SetProperty(x => x.Status, SubscriberStatus.Suppressed)
                .SetProperty(x => x.NextSendAt, (DateTime?)null), CancellationToken.None);
        if (suppressed > 0)
        {
            logger.LogWarning("Subscriber {SubscriberId} suppressed after {Count} hard bounces", subscriberId, options.SuppressAfterHardBounces);
        }
    }

    private static string? Truncate(string? error) => error is { Length: > 2000 } ? error[..2000] : error;
}
