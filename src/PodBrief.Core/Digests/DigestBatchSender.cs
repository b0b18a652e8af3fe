using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using MimeKit;
using PodBrief.Core.Data;
using PodBrief.Core.Mail;
using PodBrief.Core.Subscribers;

namespace PodBrief.Core.Digests;

/// <summary>
/// Sends a batch of digests: pending → sending (claimed with one atomic UPDATE for the whole batch, so two
/// workers or a retried job never both send one) → sent | failed | unknown | skipped | empty, or back to pending
/// with a later NextAttemptAt after a 4xx or a connection failure. Cards and link tokens for the whole batch are
/// loaded and saved at once; messages are composed in parallel in chunks, the subscribers of each chunk are
/// re-checked right before sending (they may have left meanwhile), and the SMTP pool is kept busy by twice as
/// many senders as it has connections. Outcomes are written in a few statements at the end
/// (<see cref="DigestOutcomeWriter"/>). New digests, retries and the CLI all come through here (issue 13).
/// </summary>
public sealed class DigestBatchSender(
    PodBriefDbContext db,
    DigestMessageFactory messages,
    IMailTransport transport,
    SmtpOptions smtp,
    DigestSendingOptions options,
    TimeProvider clock,
    ILogger<DigestBatchSender> logger)
{
    /// <summary>Messages composed before their subscribers are re-checked in one query and handed to the senders.</summary>
    private const int ComposeChunk = 100;

    /// <summary>A sender's claim token (Digest.ClaimedBy): unique per batch, so a retried job never takes over a claim.</summary>
    public static string NewClaimToken()
    {
        var worker = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
        return worker[..Math.Min(worker.Length, 128)];
    }

    /// <summary>Claims the pending ones of these digests (one atomic UPDATE) and sends them.</summary>
    public async Task<DigestSendReport> SendAsync(IReadOnlyCollection<long> digestIds, CancellationToken cancellationToken)
    {
        var ids = digestIds.Distinct().ToList();
        if (ids.Count == 0)
        {
            return new DigestSendReport();
        }
        var worker = NewClaimToken();
        await ClaimAsync(ids, worker, cancellationToken);
        return await SendClaimedAsync(ids, worker, cancellationToken);
    }

    /// <summary>
    /// Sends those of these digests that <paramref name="worker"/> holds the claim of: claimed by <see cref="SendAsync"/>,
    /// or inserted already claimed by <see cref="DigestDispatcher"/> (the daily run's batch job).
    /// </summary>
    public async Task<DigestSendReport> SendClaimedAsync(IReadOnlyCollection<long> digestIds, string worker, CancellationToken cancellationToken)
    {
        var ids = digestIds.Distinct().ToList();
        var outcomes = new DigestOutcomeWriter(db, worker, options, clock, logger);
        if (ids.Count == 0)
        {
            return outcomes.Report;
        }
        List<Digest> claimed;
        try
        {
            using var _ = DigestRunMetrics.Time("claim");
            claimed = await db.Digests.AsNoTracking()
                .Where(d => ids.Contains(d.Id) && d.State == DigestState.Sending && d.ClaimedBy == worker)
                .OrderBy(d => d.Id)
                .ToListAsync(cancellationToken);
        }
        catch (Exception ex)
        {
            await ReleaseUnsentAsync(worker, ex);
            throw;
        }
        if (claimed.Count < ids.Count)
        {
            logger.LogInformation("{Count} digest(s) not due for sending (already claimed, finished, or waiting to retry)", ids.Count - claimed.Count);
        }
        if (claimed.Count == 0)
        {
            return outcomes.Report;
        }
        try
        {
            await SendClaimedAsync(claimed, outcomes, cancellationToken);
        }
        catch (Exception ex)
        {
            // Whatever has no outcome yet was never handed to the transport: back to pending with a delay.
            logger.LogError(ex, "Sending a batch of {Count} digest(s) stopped early", claimed.Count);
            foreach (var digest in claimed.Where(d => !outcomes.Has(d.Id)))
            {
                outcomes.Transient(digest, $"{ex.GetType().Name}: {ex.Message}");
            }
            await outcomes.FlushAsync();
            if (ex is OperationCanceledException)
            {
                throw;
            }
            return outcomes.Report;
        }
        await outcomes.FlushAsync();
        logger.LogInformation("Digest batch: {Report}", outcomes.Report);
        return outcomes.Report;
    }

    /// <summary>
    /// Gives back the claim on digests <paramref name="worker"/> holds when nothing of theirs was handed to the
    /// transport yet (the batch job failed between claiming them and sending): pending again, the attempt not
    /// counted, due for the retry tick at once. Best effort: if this fails too they stay claimed, and the stale rule
    /// marks them unknown later — a digest not sent, never one sent twice.
    /// </summary>
    public async Task ReleaseUnsentAsync(string worker, Exception failure)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var error = $"Stopped before sending: {failure.GetType().Name}: {failure.Message}";
        error = error.Length > 2000 ? error[..2000] : error;
        try
        {
            var released = await db.Digests
                .Where(d => d.State == DigestState.Sending && d.ClaimedBy == worker)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(d => d.State, DigestState.Pending)
                    .SetProperty(d => d.Attempts, d => d.Attempts - 1)
                    .SetProperty(d => d.ClaimedAt, (DateTime?)null)
                    .SetProperty(d => d.ClaimedBy, (string?)null)
                    .SetProperty(d => d.LastError, error)
                    .SetProperty(d => d.NextAttemptAt, now), CancellationToken.None);
            if (released > 0)
            {
                logger.LogWarning(failure, "{Count} claimed digest(s) released unsent; the retry tick sends them", released);
            }
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Releasing unsent digests claimed by {Worker} failed; they go unknown when stale", worker);
        }
    }

    private async Task ClaimAsync(List<long> ids, string worker, CancellationToken cancellationToken)
    {
        using var _ = DigestRunMetrics.Time("claim");
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Digests
            .Where(d => ids.Contains(d.Id) && d.State == DigestState.Pending && (d.NextAttemptAt == null || d.NextAttemptAt <= now))
            .ExecuteUpdateAsync(s => s
                .SetProperty(d => d.State, DigestState.Sending)
                .SetProperty(d => d.ClaimedAt, now)
                .SetProperty(d => d.ClaimedBy, worker)
                .SetProperty(d => d.Attempts, d => d.Attempts + 1), cancellationToken);
    }

    private async Task SendClaimedAsync(List<Digest> claimed, DigestOutcomeWriter outcomes, CancellationToken cancellationToken)
    {
        List<(Digest Digest, Subscriber Subscriber)> receivable = [];
        Dictionary<long, DigestEmailContent> contents;
        using (DigestRunMetrics.Time("load"))
        {
            var subscriberIds = claimed.Select(d => d.SubscriberId).Distinct().ToList();
            // Only what sending needs: the whole row carries the 1.5 KB profile embedding, which at 100,000
            // subscribers was 150 MB read and thrown away (issue 13).
            var subscribers = await db.Subscribers.AsNoTracking().Where(s => subscriberIds.Contains(s.Id))
                .Select(s => new Subscriber { Id = s.Id, Email = s.Email, EmailNormalized = s.EmailNormalized, Status = s.Status, Frequency = s.Frequency })
                .ToDictionaryAsync(s => s.Id, cancellationToken);
            foreach (var digest in claimed)
            {
                var subscriber = subscribers.GetValueOrDefault(digest.SubscriberId);
                if (subscriber is null || !CanReceive(subscriber.Status, subscriber.Frequency))
                {
                    outcomes.Skipped(digest, $"Not sent: subscriber is {Describe(subscriber)}.", null);
                }
                else
                {
                    receivable.Add((digest, subscriber));
                }
            }
            using (DigestRunMetrics.Time("load/contents"))
            {
                contents = await messages.LoadContentsAsync(receivable, cancellationToken);
            }
        }
        var toSend = new List<(Digest Digest, DigestEmailContent Content)>(receivable.Count);
        foreach (var (digest, _) in receivable)
        {
            if (contents.TryGetValue(digest.Id, out var content))
            {
                toSend.Add((digest, content));
            }
            else
            {
                outcomes.Empty(digest);
            }
        }
        if (toSend.Count == 0)
        {
            return;
        }

        var ready = Channel.CreateBounded<(Digest Digest, MimeMessage Message)>(ComposeChunk * 2);
        var senders = Enumerable.Range(0, smtp.UsesSmtp ? smtp.PoolSize * 2 : 2)
            .Select(_ => Task.Run(() => SendReadyAsync(ready.Reader, outcomes, cancellationToken), CancellationToken.None))
            .ToList();
        try
        {
            await ComposeAsync(toSend, ready.Writer, outcomes, cancellationToken);
        }
        finally
        {
            ready.Writer.TryComplete();
            using (DigestRunMetrics.Time("send"))
            {
                await Task.WhenAll(senders);
            }
        }
    }

    /// <summary>Composes chunk by chunk (in parallel), re-checks each chunk's subscribers, queues the rest for sending.</summary>
    private async Task ComposeAsync(
        List<(Digest Digest, DigestEmailContent Content)> toSend, ChannelWriter<(Digest, MimeMessage)> ready, DigestOutcomeWriter outcomes,
        CancellationToken cancellationToken)
    {
        // The batch's digests were loaded together and share their cards: each card's parts are prepared once.
        var cards = new DigestEmailCardCache();
        foreach (var chunk in toSend.Chunk(ComposeChunk))
        {
            var composed = new (Digest Digest, MimeMessage? Message)[chunk.Length];
            using (DigestRunMetrics.Time("render"))
            {
                Parallel.For(0, chunk.Length, new ParallelOptions { CancellationToken = cancellationToken }, i =>
                {
                    var (digest, content) = chunk[i];
                    try
                    {
                        composed[i] = (digest, messages.Compose(content, cards));
                    }
                    catch (Exception ex)
                    {
                        logger.LogError(ex, "Digest {DigestId} could not be composed", digest.Id);
                        outcomes.Transient(digest, $"{ex.GetType().Name}: {ex.Message}");
                        composed[i] = (digest, null);
                    }
                });
            }
            // Composing takes time and people may have left meanwhile; this is the last moment to honour that.
            var subscriberIds = chunk.Select(c => c.Digest.SubscriberId).Distinct().ToList();
            var current = await db.Subscribers.AsNoTracking().Where(s => subscriberIds.Contains(s.Id))
                .Select(s => new { s.Id, s.Status, s.Frequency }).ToDictionaryAsync(s => s.Id, cancellationToken);
            foreach (var (digest, message) in composed)
            {
                if (message is null)
                {
                    continue;
                }
                if (!current.TryGetValue(digest.SubscriberId, out var now) || !CanReceive(now.Status, now.Frequency))
                {
                    var became = now is null ? "deleted" : now.Frequency == DeliveryFrequency.Paused ? "paused" : now.Status.ToString().ToLowerInvariant();
                    outcomes.Skipped(digest, $"Not sent: subscriber became {became} before sending.", message.Subject);
                    continue;
                }
                await ready.WriteAsync((digest, message), cancellationToken);
            }
        }
    }

    private async Task SendReadyAsync(ChannelReader<(Digest Digest, MimeMessage Message)> ready, DigestOutcomeWriter outcomes, CancellationToken cancellationToken)
    {
        await foreach (var (digest, message) in ready.ReadAllAsync(CancellationToken.None))
        {
            MailSendResult result;
            try
            {
                result = await transport.SendAsync(message, cancellationToken);
            }
            catch (Exception ex)
            {
                // The transport reports any failure after data went out as Unknown; a throw means nothing left.
                outcomes.Transient(digest, $"{ex.GetType().Name}: {ex.Message}");
                continue;
            }
            outcomes.Record(digest, result, message.Subject);
        }
    }

    internal static bool CanReceive(SubscriberStatus status, DeliveryFrequency frequency) =>
        status == SubscriberStatus.Active && frequency != DeliveryFrequency.Paused;

    private static string Describe(Subscriber? subscriber) => subscriber is null ? "deleted"
        : subscriber.Frequency == DeliveryFrequency.Paused && subscriber.Status == SubscriberStatus.Active ? "paused"
        : subscriber.Status.ToString().ToLowerInvariant();
}
