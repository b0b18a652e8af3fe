using System.Net;
using Microsoft.Extensions.Options;
using MimeKit;
using PodBrief.Core.Common;

namespace PodBrief.Core.Subscribers;

/// <summary>
/// The account emails (confirm signup, magic link). They carry no user-supplied text — not even the topics —
/// so a signup form cannot be used to mail arbitrary content to a stranger.
/// </summary>
public sealed class SubscriberMailComposer(SubscriberLinks links, AppOptions app, IOptions<SubscribersOptions> options, TimeProvider clock)
{
    public MimeMessage Confirmation(string toAddress, string confirmToken) => Compose(
        toAddress,
        "Confirm your PodBrief subscription",
        "Someone (hopefully you) asked for the free PodBrief podcast brief at this address.",
        "Confirm my subscription",
        links.Confirm(confirmToken),
        $"The link works for {options.Value.ConfirmationLifetimeHours} hours. If you did not sign up, ignore this email: nothing will be sent.");

    public MimeMessage ManageLink(string toAddress, string manageToken) => Compose(
        toAddress,
        "Your PodBrief settings link",
        "Here is the link to your PodBrief settings: topics, shows, delivery time, your data.",
        "Open my settings",
        links.Preferences(manageToken),
        "If you did not ask for this link, ignore this email.");

    private MimeMessage Compose(string toAddress, string subject, string intro, string action, string url, string outro)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(options.Value.MailFrom));
        message.To.Add(MailboxAddress.Parse(toAddress));
        message.Subject = subject;
        message.Date = clock.GetUtcNow();
        message.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId(message.From.Mailboxes.First().Domain);
        // RFC 3834: an automatic message; stops auto-replies from answering it.
        message.Headers.Add("Auto-Submitted", "auto-generated");
        var footer = string.IsNullOrWhiteSpace(app.OperatorPostalAddress) ? app.OperatorName : $"{app.OperatorName}, {app.OperatorPostalAddress}";
        var body = new BodyBuilder
        {
            TextBody = $"{intro}\n\n{action}:\n{url}\n\n{outro}\n\n-- \n{footer}\n",
            HtmlBody = $"""
                <!DOCTYPE html><html><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1c1b22">
                <p>{WebUtility.HtmlEncode(intro)}</p>
                <p><a href="{WebUtility.HtmlEncode(url)}" style="display:inline-block;padding:10px 16px;background:#5b3cc4;color:#fff;text-decoration:none;border-radius:6px">{WebUtility.HtmlEncode(action)}</a></p>
                <p>{WebUtility.HtmlEncode(outro)}</p>
                <p style="color:#5b5966;font-size:13px">{WebUtility.HtmlEncode(footer)}</p>
                </body></html>
                """,
        };
        message.Body = body.ToMessageBody();
        return message;
    }
}
