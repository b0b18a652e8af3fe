namespace PodBrief.Core.Insights;

/// <summary>Extraction cannot run now (daily budget reached, rate limited past our retries); the episode waits.</summary>
public sealed class ExtractionDeferredException(string reason, DateTime? retryAfterUtc = null) : Exception(reason)
{
    public DateTime? RetryAfterUtc { get; } = retryAfterUtc;
}

/// <summary>Extraction failed for a reason retrying will not fix (400/401/403, content filter); recorded on the episode.</summary>
public sealed class ExtractionFailedException(string reason, Exception? inner = null) : Exception(reason, inner);
