using MimeKit;
using PodBrief.Core.Common;

namespace PodBrief.Core.Mail;

/// <summary>The embedded default: each message becomes an .eml file under {App:DataDirectory}/outbox.</summary>
public sealed class FileOutboxTransport(AppOptions app, TimeProvider clock) : IMailTransport
{
    public string OutboxDirectory => Path.Combine(app.ResolveDataDirectory(), "outbox");

    public async Task<MailSendResult> SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(OutboxDirectory);
        var id = string.IsNullOrEmpty(message.MessageId) ? Guid.NewGuid().ToString("N") : message.MessageId;
        var safeId = string.Concat(id.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '_'));
        var stamp = clock.GetUtcNow().ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture);
        var path = Path.Combine(OutboxDirectory, $"{stamp}-{safeId}.eml");
        // Write to a temp name and move, so the admin page never lists a half-written file.
        var temp = path + ".tmp";
        await using (var stream = File.Create(temp))
        {
            await message.WriteToAsync(stream, cancellationToken);
        }
        File.Move(temp, path, overwrite: true);
        return MailSendResult.Ok;
    }
}
