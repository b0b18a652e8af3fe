namespace PodBrief.Core.Digests;

/// <summary>Section "Digests": dispatching due digests.</summary>
public sealed class DigestOptions
{
    public const string Section = "Digests";

    /// <summary>A digest this late (after an outage) is skipped, not sent: no burst of stale mail.</summary>
    public TimeSpan MaxLateness { get; set; } = TimeSpan.FromHours(3);

    /// <summary>Subscribers ranked together per round of the dispatcher.</summary>
    public int BatchSize { get; set; } = 1000;
}
