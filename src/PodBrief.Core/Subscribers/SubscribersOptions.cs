namespace PodBrief.Core.Subscribers;

/// <summary>Section "Subscribers": signup, confirmation and account mail.</summary>
public sealed class SubscribersOptions
{
    public const string Section = "Subscribers";

    /// <summary>The From of confirmation and magic-link emails (RFC 5322 mailbox).</summary>
    public string MailFrom { get; set; } = "PodBrief <brief@localhost>";

    /// <summary>How long a signup confirmation link works.</summary>
    public int ConfirmationLifetimeHours { get; set; } = 48;

    /// <summary>Stored with each consent record, so we can show which signup text a person agreed to.</summary>
    public string ConsentFormVersion { get; set; } = "signup-2026-03";
}
