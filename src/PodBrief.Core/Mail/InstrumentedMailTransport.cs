using System.Diagnostics;
using MimeKit;
using PodBrief.Core.Common;

namespace PodBrief.Core.Mail;

/// <summary>
/// Wraps the configured transport so every mail send — digests and account mails alike — is one trace span
/// ("mail send", a client span under the job that sent it) and one <c>podbrief.smtp.send.duration</c> sample,
/// tagged with the transport (smtp, file) and the outcome. The time includes waiting for a pooled connection and
/// for the send-rate limit, because that is how long a message really took to go out.
/// </summary>
public sealed class InstrumentedMailTransport(IMailTransport inner, string transportName) : IMailTransport
{
    /// <summary>The transport that really sends (for tests and diagnostics).</summary>
    public IMailTransport Inner => inner;

    public async Task<MailSendResult> SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        using var activity = PodBriefTelemetry.Activities.StartActivity("mail send", ActivityKind.Client);
        activity?.SetTag("podbrief.mail.transport", transportName);
        var started = Stopwatch.GetTimestamp();
        string outcome = "exception";
        try
        {
            var result = await inner.SendAsync(message, cancellationToken);
            outcome = OutcomeTag(result.Outcome);
            if (result.Outcome != MailSendOutcome.Sent)
            {
                // The error is the server's reply or the exception's message; it names no recipient.
                activity?.SetStatus(ActivityStatusCode.Error, result.Error);
            }
            return result;
        }
        catch (Exception ex)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetBaseException().Message);
            throw;
        }
        finally
        {
            activity?.SetTag("podbrief.mail.outcome", outcome);
            PodBriefTelemetry.SmtpSendDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds,
                new KeyValuePair<string, object?>("transport", transportName), new KeyValuePair<string, object?>("outcome", outcome));
        }
    }

    private static string OutcomeTag(MailSendOutcome outcome) => outcome switch
    {
        MailSendOutcome.Sent => "sent",
        MailSendOutcome.TransientFailure => "transient_failure",
        MailSendOutcome.PermanentFailure => "permanent_failure",
        _ => "unknown",
    };
}
