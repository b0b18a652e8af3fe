using MimeKit;

namespace PodBrief.Core.Mail;

/// <summary>
/// Delivers one message. SMTP (MailKit, pooled connections) when Smtp:Host is configured; otherwise the file
/// outbox (data/outbox/*.eml), the embedded default.
/// </summary>
public interface IMailTransport
{
    Task<MailSendResult> SendAsync(MimeMessage message, CancellationToken cancellationToken);
}

public enum MailSendOutcome
{
    Sent,
    /// <summary>4xx or connection failure before DATA: safe to retry later.</summary>
    TransientFailure,
    /// <summary>5xx for the recipient: do not retry.</summary>
    PermanentFailure,
    /// <summary>The connection dropped after the message data went out: it may have arrived. Never resend.</summary>
    Unknown,
}

public sealed record MailSendResult(MailSendOutcome Outcome, string? Error = null)
{
    public static MailSendResult Ok { get; } = new(MailSendOutcome.Sent);
}
