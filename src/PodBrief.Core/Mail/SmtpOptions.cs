using MimeKit;

namespace PodBrief.Core.Mail;

public enum SmtpSecurity
{
    /// <summary>Plain text (a local relay or a test sink).</summary>
    None,
    /// <summary>STARTTLS required after connecting (typically port 587).</summary>
    StartTls,
    /// <summary>TLS from the first byte (typically port 465).</summary>
    SslOnConnect,
    /// <summary>MailKit decides: TLS on 465, STARTTLS when the server offers it elsewhere.</summary>
    Auto,
}

/// <summary>
/// Section "Smtp". With no <see cref="Host"/> mail goes to the file outbox (data/outbox/*.eml); with one, it goes out
/// over SMTP through a small pool of reused connections. From/List-Id/DKIM apply to both.
/// </summary>
public sealed class SmtpOptions
{
    public const string Section = "Smtp";

    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public SmtpSecurity Security { get; set; } = SmtpSecurity.Auto;
    public string? Username { get; set; }
    public string? Password { get; set; }

    public string FromAddress { get; set; } = "digest@podbrief.localhost";
    public string FromName { get; set; } = "PodBrief";

    /// <summary>RFC 2919 list identifier (a dotted name we control), used in List-Id.</summary>
    public string ListId { get; set; } = "digest.podbrief.localhost";

    /// <summary>How many SMTP connections are kept open and used at once.</summary>
    public int PoolSize { get; set; } = 2;

    /// <summary>Upper bound on messages handed to the server per second, across the pool; 0 = no limit.</summary>
    public double MaxMessagesPerSecond { get; set; }

    /// <summary>Per-command timeout.</summary>
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>DKIM signing (all three or none): d= domain, s= selector, and a PEM RSA private key file.</summary>
    public string? DkimDomain { get; set; }
    public string? DkimSelector { get; set; }
    public string? DkimPrivateKeyPath { get; set; }

    /// <summary>Optional mailto: address offered in List-Unsubscribe beside the https URL (RFC 2369).</summary>
    public string? UnsubscribeMailto { get; set; }

    public bool UsesSmtp => !string.IsNullOrWhiteSpace(Host);

    public bool SignsDkim => !string.IsNullOrWhiteSpace(DkimDomain);

    public MailboxAddress From => new(FromName, FromAddress);

    /// <summary>Every problem with these settings, each message naming its key; empty when valid.</summary>
    public IEnumerable<string> Problems()
    {
        if (Port is < 1 or > 65535)
        {
            yield return "Smtp:Port must be between 1 and 65535.";
        }
        if (!MailboxAddress.TryParse(FromAddress, out var from) || !from.Address.Contains('@', StringComparison.Ordinal))
        {
            yield return "Smtp:FromAddress must be an email address.";
        }
        if (string.IsNullOrWhiteSpace(ListId) || ListId.Any(c => char.IsWhiteSpace(c) || c is '<' or '>'))
        {
            yield return "Smtp:ListId must be a dotted name without spaces or angle brackets.";
        }
        if (PoolSize is < 1 or > 32)
        {
            yield return "Smtp:PoolSize must be between 1 and 32.";
        }
        if (MaxMessagesPerSecond < 0 || double.IsNaN(MaxMessagesPerSecond))
        {
            yield return "Smtp:MaxMessagesPerSecond must be 0 (no limit) or more.";
        }
        if (TimeoutSeconds is < 1 or > 600)
        {
            yield return "Smtp:TimeoutSeconds must be between 1 and 600.";
        }
        if (string.IsNullOrEmpty(Username) != string.IsNullOrEmpty(Password))
        {
            yield return "Smtp:Username and Smtp:Password must be set together.";
        }
        var dkimParts = new[] { DkimDomain, DkimSelector, DkimPrivateKeyPath }.Count(v => !string.IsNullOrWhiteSpace(v));
        if (dkimParts is not (0 or 3))
        {
            yield return "Smtp:DkimDomain, Smtp:DkimSelector and Smtp:DkimPrivateKeyPath must be set together.";
        }
        else if (dkimParts == 3 && !File.Exists(DkimPrivateKeyPath))
        {
            yield return "Smtp:DkimPrivateKeyPath must name an existing PEM private key file.";
        }
        if (!string.IsNullOrWhiteSpace(UnsubscribeMailto) && !MailboxAddress.TryParse(UnsubscribeMailto, out _))
        {
            yield return "Smtp:UnsubscribeMailto must be an email address.";
        }
    }
}
