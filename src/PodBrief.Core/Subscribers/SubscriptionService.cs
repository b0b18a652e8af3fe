using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PodBrief.Core.Common;
using PodBrief.Core.Data;
using PodBrief.Core.Mail;

namespace PodBrief.Core.Subscribers;

/// <summary>
/// Double opt-in and its end: signup, confirmation (with a consent record), magic links and unsubscribe.
/// Signup and magic-link requests behave the same for every address from the outside; only the mail differs.
/// </summary>
public sealed class SubscriptionService(
    PodBriefDbContext db,
    SubscriberTokenService tokens,
    IBackgroundJobClient jobs,
    TimeProvider clock,
    IOptions<SubscribersOptions> options,
    ILogger<SubscriptionService> logger)
{
    /// <summary>
    /// New or pending: (re)store the choices and mail a confirmation link. Unsubscribed: mail a confirmation link
    /// (resubscribing is a fresh opt-in). Active: mail a settings link instead. Suppressed: nothing.
    /// </summary>
    public async Task SignupAsync(string typedEmail, string normalizedEmail, IReadOnlyCollection<string> topicSlugs, string? timeZone, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var subscriber = await db.Subscribers.Include(s => s.Topics)
            .FirstOrDefaultAsync(s => s.EmailNormalized == normalizedEmail, cancellationToken);
        if (subscriber is null)
        {
            subscriber = new Subscriber { Email = typedEmail, EmailNormalized = normalizedEmail, CreatedAt = now };
            db.Subscribers.Add(subscriber);
        }
        if (subscriber.Status == SubscriberStatus.Suppressed)
        {
            logger.LogInformation("Signup for suppressed subscriber {SubscriberId}: no mail", subscriber.Id);
            return;
        }
        if (subscriber.Status == SubscriberStatus.Active)
        {
            Queue(subscriber, AccountMail.ManageLink);
            return;
        }
        // Pending or unsubscribed: the choices on this form become the ones the person will confirm.
        subscriber.Email = typedEmail;
        if (DeliverySchedule.IsValidTimeZone(timeZone))
        {
            subscriber.TimeZoneId = timeZone!;
        }
        var topicIds = await db.Topics.Where(t => t.IsActive && topicSlugs.Contains(t.Slug)).Select(t => t.Id).ToListAsync(cancellationToken);
        subscriber.Topics.RemoveAll(t => !t.IsMuted);
        subscriber.Topics.AddRange(topicIds.Where(id => subscriber.Topics.All(t => t.TopicId != id))
            .Select(id => new SubscriberTopic { TopicId = id }));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            // Two signups for one new address at once: the other request created the row and mails the link.
            db.ChangeTracker.Clear();
            return;
        }
        Queue(subscriber, AccountMail.Confirmation);
    }

    /// <summary>Mails a settings link to an active or unsubscribed subscriber (so they can export or delete); silent otherwise.</summary>
    public async Task RequestManageLinkAsync(string normalizedEmail, CancellationToken cancellationToken)
    {
        var subscriber = await db.Subscribers.FirstOrDefaultAsync(s => s.EmailNormalized == normalizedEmail, cancellationToken);
        if (subscriber is null || subscriber.Status is not (SubscriberStatus.Active or SubscriberStatus.Unsubscribed))
        {
            return;
        }
        Queue(subscriber, AccountMail.ManageLink);
    }

    public async Task<bool> IsConfirmTokenValidAsync(string token, CancellationToken cancellationToken) =>
        await tokens.FindValidAsync(token, TokenPurpose.ConfirmSignup, cancellationToken) is not null;

    /// <summary>Confirms, records consent, schedules the first digest; returns a fresh settings token, or null when the link is unknown, used or expired.</summary>
    public async Task<string?> ConfirmAsync(string token, string? clientIp, CancellationToken cancellationToken)
    {
        var row = await tokens.FindValidAsync(token, TokenPurpose.ConfirmSignup, cancellationToken);
        if (row is null)
        {
            return null;
        }
        var subscriber = await db.Subscribers.FirstAsync(s => s.Id == row.SubscriberId, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        row.UsedAt = now;
        if (subscriber.Status is SubscriberStatus.Pending or SubscriberStatus.Unsubscribed)
        {
            subscriber.Status = SubscriberStatus.Active;
            subscriber.ConfirmedAt = now;
            subscriber.UnsubscribedAt = null;
            subscriber.ConsentedAt = now;
            subscriber.ConsentFormVersion = options.Value.ConsentFormVersion;
            subscriber.ConsentIpHash = HashIp(clientIp);
            subscriber.NextSendAt = DeliverySchedule.NextSendAt(subscriber, now);
        }
        var manage = tokens.Issue(subscriber.Id, TokenPurpose.Manage);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Subscriber {SubscriberId} confirmed", subscriber.Id);
        return manage;
    }

    public async Task<bool> IsUnsubscribeTokenValidAsync(string token, CancellationToken cancellationToken) =>
        await tokens.FindValidAsync(token, TokenPurpose.Unsubscribe, cancellationToken) is not null;

    /// <summary>RFC 8058 one-click: idempotent; false when the token is unknown.</summary>
    public async Task<bool> UnsubscribeAsync(string token, CancellationToken cancellationToken)
    {
        var row = await tokens.FindValidAsync(token, TokenPurpose.Unsubscribe, cancellationToken);
        if (row is null)
        {
            return false;
        }
        return await UnsubscribeByIdAsync(row.SubscriberId, cancellationToken);
    }

    /// <summary>
    /// Unsubscribes by id: the one-click link above, and the operator acting on a request that came another way
    /// (/Admin/Subscribers). Idempotent; false when there is no such subscriber.
    /// </summary>
    public async Task<bool> UnsubscribeByIdAsync(long subscriberId, CancellationToken cancellationToken)
    {
        var subscriber = await db.Subscribers.FirstOrDefaultAsync(s => s.Id == subscriberId, cancellationToken);
        if (subscriber is null)
        {
            return false;
        }
        if (subscriber.Status is SubscriberStatus.Active or SubscriberStatus.Pending)
        {
            subscriber.Status = SubscriberStatus.Unsubscribed;
            subscriber.UnsubscribedAt = clock.GetUtcNow().UtcDateTime;
            subscriber.NextSendAt = null;
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Subscriber {SubscriberId} unsubscribed", subscriber.Id);
        }
        return true;
    }

    /// <summary>Operator action (/Admin/Subscribers): mails a fresh confirmation link to a pending subscriber; false for any other status.</summary>
    public async Task<bool> ResendConfirmationAsync(long subscriberId, CancellationToken cancellationToken)
    {
        var subscriber = await db.Subscribers.FirstOrDefaultAsync(s => s.Id == subscriberId, cancellationToken);
        if (subscriber is not { Status: SubscriberStatus.Pending })
        {
            return false;
        }
        Queue(subscriber, AccountMail.Confirmation);
        return true;
    }

    /// <summary>The subscriber behind a settings (manage) link, or null.</summary>
    public async Task<Subscriber?> FindByManageTokenAsync(string? token, CancellationToken cancellationToken)
    {
        var row = await tokens.FindValidAsync(token, TokenPurpose.Manage, cancellationToken);
        return row is null ? null : await db.Subscribers.FirstOrDefaultAsync(s => s.Id == row.SubscriberId, cancellationToken);
    }

    /// <summary>The consent record keeps a hash, not the address itself (data minimisation); the prefix separates it from other hashes.</summary>
    public static string? HashIp(string? ip) => string.IsNullOrEmpty(ip) ? null : Hashing.Sha256Hex("podbrief-consent-ip:" + ip);

    /// <summary>The mail goes out from a job (retried by Hangfire), so SMTP's speed or state never shows in the request.</summary>
    private void Queue(Subscriber subscriber, AccountMail mail)
    {
        var id = subscriber.Id;
        jobs.Enqueue<SendAccountMailJob>(j => j.RunAsync(id, mail, CancellationToken.None));
    }
}
