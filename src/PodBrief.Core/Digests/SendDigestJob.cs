using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PodBrief.Core.Common;
using PodBrief.Core.Common.Text;
using PodBrief.Core.Data;
using PodBrief.Core.Mail;

namespace PodBrief.Core.Digests;

/// <summary>
/// Sends one digest: pending → sending (claimed with one atomic UPDATE, so two workers or a retried Hangfire job
/// never both send) → sent | failed | unknown, or back to pending with a later NextAttemptAt after a 4xx or a
/// connection failure. The subscriber is re-checked after composing, right before sending. The Message-ID is
/// the digest's stored one on every attempt. A lost connection after the data went out is "unknown" and never
/// resent: a duplicate is worse than a rare miss.
/// </summary>
public sealed class SendDigestJob(
    PodBriefDbContext db,
    DigestMessageFactory messages,
    IMailTransport transport,
    DigestSendingOptions options,
    TimeProvider clock,
    ILogger<SendDigestJob> logger)
{
    /// <summary>AggregateCounter row counting digests handed to the mail server.</summary>
    public const string SentCounter = "digests-sent";

    private bool _handedToTransport;

    public async Task RunAsync(long digestId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var worker = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
        worker = worker[..Math.Min(worker.Length, 128)];
        var claimed = await db.Digests
            .Where(d => d.Id == digestId && d.State == DigestState.Pending && (d.NextAttemptAt == null || d.NextAttemptAt <= now))
            .ExecuteUpdateAsync(s => s
                .SetProperty(d => d.State, DigestState.Sending)
                .SetProperty(d => d.ClaimedAt, now)
                .SetProperty(d => d.ClaimedBy, worker)
                .SetProperty(d => d.Attempts, d => d.Attempts + 1), cancellationToken);
        if (claimed == 0)
        {
            logger.LogInformation("Digest {DigestId} is not due for sending (already claimed, finished, or waiting to retry)", digestId);
            return;
        }

        try
        {
            await SendClaimedAsync(digestId, worker, cancellationToken);
        }
        catch (Exception ex) when (_handedToTransport)
        {
            // The transport already had the message; recording the outcome failed. Never risk a resend.
            logger.LogError(ex, "Digest {DigestId}: recording the send outcome failed", digestId);
            await FinishAsync(digestId, worker, DigestState.Unknown, TextClip.ClipOrNull("Outcome not recorded: " + ex.Message, 2000), null, CancellationToken.None);
            throw;
        }
        catch (Exception ex)
        {
            // Nothing went out (the transport reports outcomes instead of throwing once data is written):
            // back to pending with a delay, so the tick retries it.
            logger.LogError(ex, "Digest {DigestId} failed before sending", digestId);
            var attempts = await db.Digests.Where(d => d.Id == digestId).Select(d => d.Attempts).FirstAsync(CancellationToken.None);
            await RetryOrFailAsync(digestId, worker, attempts, $"{ex.GetType().Name}: {ex.Message}", CancellationToken.None);
            if (ex is OperationCanceledException)
            {
                throw;
            }
        }
    }

    private async Task SendClaimedAsync(long digestId, string worker, CancellationToken cancellationToken)
    {
        var digest = await db.Digests.AsNoTracking().FirstAsync(d => d.Id == digestId, cancellationToken);
        var subscriber = await db.Subscribers.AsNoTracking().FirstOrDefaultAsync(s => s.Id == digest.SubscriberId, cancellationToken);
        if (subscriber is null || !CanReceive(subscriber.Status, subscriber.Frequency))
        {
            await FinishAsync(digestId, worker, DigestState.Skipped, $"Not sent: subscriber is {Describe(subscriber)}.", null, cancellationToken);
            return;
        }
        if (!await db.DigestItems.AnyAsync(i => i.DigestId == digestId, cancellationToken))
        {
            await FinishAsync(digestId, worker, DigestState.Empty, "No cards to send.", null, cancellationToken);
            return;
        }

        var message = await messages.CreateAsync(digest, subscriber, cancellationToken);

        // Composing takes time and the person may have left meanwhile; this is the last moment to honour that.
        var current = await db.Subscribers.AsNoTracking().Where(s => s.Id == subscriber.Id)
            .Select(s => new { s.Status, s.Frequency }).FirstOrDefaultAsync(cancellationToken);
        if (current is null || !CanReceive(current.Status, current.Frequency))
        {
            await FinishAsync(digestId, worker, DigestState.Skipped,
                $"Not sent: subscriber became {(current is null ? "deleted" : current.Frequency == DeliveryFrequency.Paused ? "paused" : current.Status.ToString().ToLowerInvariant())} before sending.",
                message.Subject, cancellationToken);
            return;
        }

        _handedToTransport = true;
        var result = await transport.SendAsync(message, cancellationToken);
        var error = TextClip.ClipOrNull(result.Error, 2000);
        switch (result.Outcome)
        {
            case MailSendOutcome.Sent:
                await RecordSentAsync(digestId, worker, subscriber.Id, message.Subject);
                break;
            case MailSendOutcome.PermanentFailure:
                await FinishAsync(digestId, worker, DigestState.Failed, error, message.Subject, CancellationToken.None);
                await CountHardBounceAsync(subscriber.Id);
                break;
            case MailSendOutcome.Unknown:
                await FinishAsync(digestId, worker, DigestState.Unknown, "Connection lost after the message was sent; not resent. " + error,
                    message.Subject, CancellationToken.None);
                break;
            default:
                await RetryOrFailAsync(digestId, worker, digest.Attempts, error, CancellationToken.None);
                break;
        }
        logger.LogInformation("Digest {DigestId}: {Outcome} {Error}", digestId, result.Outcome, result.Error);
    }

    private static bool CanReceive(SubscriberStatus status, DeliveryFrequency frequency) =>
        status == SubscriberStatus.Active && frequency != DeliveryFrequency.Paused;

    private static string Describe(Subscriber? subscriber) => subscriber is null ? "deleted"
        : subscriber.Frequency == DeliveryFrequency.Paused && subscriber.Status == SubscriberStatus.Active ? "paused"
        : subscriber.Status.ToString().ToLowerInvariant();

    private async Task RecordSentAsync(long digestId, string worker, long subscriberId, string? subject)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
        await db.Digests.Where(d => d.Id == digestId && d.State == DigestState.Sending && d.ClaimedBy == worker)
            .ExecuteUpdateAsync(s => s
                .SetProperty(d => d.State, DigestState.Sent)
                .SetProperty(d => d.SentAt, now)
                .SetProperty(d => d.Subject, subject)
                .SetProperty(d => d.LastError, (string?)null)
                .SetProperty(d => d.NextAttemptAt, (DateTime?)null), CancellationToken.None);
        // A delivered digest shows the address works: bounces must be consecutive to suppress it.
        await db.Subscribers.Where(s => s.Id == subscriberId && s.HardBounceCount > 0)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.HardBounceCount, 0), CancellationToken.None);
        await AggregateCounters.IncrementAsync(db, SentCounter, CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
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

    private async Task RetryOrFailAsync(long digestId, string worker, int attempts, string? error, CancellationToken cancellationToken)
    {
        if (attempts >= options.MaxAttempts)
        {
            await FinishAsync(digestId, worker, DigestState.Failed, TextClip.ClipOrNull($"Gave up after {attempts} attempts: {error}", 2000), null, cancellationToken);
            return;
        }
        var next = clock.GetUtcNow().UtcDateTime + options.RetryDelay(attempts);
        await db.Digests.Where(d => d.Id == digestId && d.State == DigestState.Sending && d.ClaimedBy == worker)
            .ExecuteUpdateAsync(s => s
                .SetProperty(d => d.State, DigestState.Pending)
                .SetProperty(d => d.NextAttemptAt, next)
                .SetProperty(d => d.LastError, error), cancellationToken);
    }

    private async Task FinishAsync(long digestId, string worker, DigestState state, string? error, string? subject, CancellationToken cancellationToken) =>
        await db.Digests.Where(d => d.Id == digestId && d.State == DigestState.Sending && d.ClaimedBy == worker)
            .ExecuteUpdateAsync(s => s
                .SetProperty(d => d.State, state)
                .SetProperty(d => d.LastError, TextClip.ClipOrNull(error, 2000))
                .SetProperty(d => d.Subject, d => subject ?? d.Subject)
                .SetProperty(d => d.NextAttemptAt, (DateTime?)null), cancellationToken);

}
