using MimeKit;
using MimeKit.Cryptography;

namespace PodBrief.Core.Mail;

/// <summary>
/// Optional DKIM signing (RFC 6376) when Smtp:DkimDomain/DkimSelector/DkimPrivateKeyPath are set. Signs the
/// List-Unsubscribe headers too, as RFC 8058 section 4 requires for one-click unsubscribe to be trusted.
/// </summary>
public sealed class DkimMessageSigner
{
    private static readonly HeaderId[] Wanted =
    [
        HeaderId.From, HeaderId.To, HeaderId.Subject, HeaderId.Date, HeaderId.MessageId,
        HeaderId.ListId, HeaderId.ListUnsubscribe, HeaderId.MimeVersion, HeaderId.ContentType,
    ];

    private readonly DkimSigner? _signer;

    public DkimMessageSigner(SmtpOptions options)
    {
        if (options.SignsDkim)
        {
            _signer = new DkimSigner(options.DkimPrivateKeyPath!, options.DkimDomain!, options.DkimSelector!)
            {
                HeaderCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
                BodyCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
                AgentOrUserIdentifier = "@" + options.DkimDomain,
            };
        }
    }

    public bool Enabled => _signer is not null;

    /// <summary>Signs in place. The message is first fixed to 7-bit so no relay re-encodes (and breaks) the body.</summary>
    public void Sign(MimeMessage message)
    {
        if (_signer is null)
        {
            return;
        }
        message.Prepare(EncodingConstraint.SevenBit);
        var headers = Wanted.Select(h => h.ToHeaderName())
            .Append("List-Unsubscribe-Post")
            .Where(name => message.Headers.Contains(name))
            .ToList();
        _signer.Sign(message, headers);
    }
}
