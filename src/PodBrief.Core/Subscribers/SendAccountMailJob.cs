using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PodBrief.Core.Data;
using PodBrief.Core.Mail;

namespace PodBrief.Core.Subscribers;

/// <summary>Which account mail a <see cref="SendAccountMailJob"/> sends.</summary>
public enum AccountMail
{
    /// <summary>Double opt-in link (a settings link instead when the address is confirmed by the time the job runs).</summary>
    Confirmation,
    /// <summary>"Here is your settings link."</summary>
    ManageLink,
}

/// <summary>
/// Sends one account mail, outside the request that asked for it (issue 11: a slow or down SMTP server slowed or
/// failed signups). The job carries the subscriber id only and issues the link's token itself when it runs, so the
/// raw token never sits in the job store. It decides from the row as it is then (suppressed: nothing), and a
/// failed send throws, so Hangfire retries it: nothing is lost. A run twice mails twice, each with a valid link —
/// harmless for a link mail, and only after a failure Hangfire could not see.
/// </summary>
public sealed class SendAccountMailJob(
    PodBriefDbContext db,
    SubscriberTokenService tokens,
    SubscriberMailComposer composer,
    IMailTransport transport,
    IOptions<SubscribersOptions> options,
    ILogger<SendAccountMailJob> logger)
{
    public async Task RunAsync(long subscriberId, AccountMail mail, CancellationToken cancellationToken)
    {
        var subscriber = await db.Subscribers.FirstOrDefaultAsync(s => s.Id == subscriberId, cancellationToken);
        if (subscriber is null || subscriber.Status == SubscriberStatus.Suppressed)
        {
            return;
        }
        var confirm = mail == AccountMail.Confirmation && subscriber.Status is SubscriberStatus.Pending or SubscriberStatus.Unsubscribed;
        var message = confirm
            ? composer.Confirmation(subscriber.Email, tokens.Issue(subscriber.Id, TokenPurpose.ConfirmSignup, TimeSpan.FromHours(options.Value.ConfirmationLifetimeHours)))
            : composer.ManageLink(subscriber.Email, tokens.Issue(subscriber.Id, TokenPurpose.Manage));
        // Save first: the token row must exist before the link can be clicked.
        await db.SaveChangesAsync(cancellationToken);
        var result = await transport.SendAsync(message, cancellationToken);
        switch (result.Outcome)
        {
            case MailSendOutcome.Sent:
                return;
            case MailSendOutcome.TransientFailure:
                // Thrown so Hangfire retries with its back-off; the message names no address.
                throw new InvalidOperationException($"Account mail for subscriber {subscriber.Id} deferred: {result.Error}");
            default:
                logger.LogWarning("Account mail to {Address} not sent: {Outcome} {Error}",
                    EmailAddressNormalizer.Mask(subscriber.EmailNormalized), result.Outcome, result.Error);
                return;
        }
    }
}
