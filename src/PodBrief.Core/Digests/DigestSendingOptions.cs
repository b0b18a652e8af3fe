namespace PodBrief.Core.Digests;

/// <summary>Section "Digests:Sending": retries, bounce suppression and crash recovery for <see cref="SendDigestJob"/>.</summary>
public sealed class DigestSendingOptions
{
    public const string Section = "Digests:Sending";

    /// <summary>Attempts (including the first) before a digest that keeps meeting 4xx/connection errors is marked failed.</summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>First retry delay; doubles per attempt up to <see cref="RetryMaxDelaySeconds"/>.</summary>
    public int RetryBaseDelaySeconds { get; set; } = 120;
    public int RetryMaxDelaySeconds { get; set; } = 3600;

    /// <summary>Hard bounces (5xx for the recipient) in a row after which the address is suppressed.</summary>
    public int SuppressAfterHardBounces { get; set; } = 3;

    /// <summary>A digest still "sending" this long after its claim belonged to a worker that died: marked unknown, never resent.</summary>
    public int StaleSendingMinutes { get; set; } = 15;

    public TimeSpan RetryDelay(int attempts)
    {
        var exponent = Math.Clamp(attempts - 1, 0, 20);
        var seconds = Math.Min((double)RetryMaxDelaySeconds, RetryBaseDelaySeconds * Math.Pow(2, exponent));
        return TimeSpan.FromSeconds(seconds);
    }

    public IEnumerable<string> Problems()
    {
        if (MaxAttempts is < 1 or > 50)
        {
            yield return "Digests:Sending:MaxAttempts must be between 1 and 50.";
        }
        if (RetryBaseDelaySeconds < 1 || RetryMaxDelaySeconds < RetryBaseDelaySeconds)
        {
            yield return "Digests:Sending:RetryBaseDelaySeconds must be at least 1 and not above Digests:Sending:RetryMaxDelaySeconds.";
        }
        if (SuppressAfterHardBounces < 1)
        {
            yield return "Digests:Sending:SuppressAfterHardBounces must be at least 1.";
        }
        if (StaleSendingMinutes < 1)
        {
            yield return "Digests:Sending:StaleSendingMinutes must be at least 1.";
        }
    }
}
