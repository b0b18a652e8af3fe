namespace PodBrief.Core.Common.Http;

/// <summary>
/// Limits of every hostile-URL fetch (feeds, transcripts, audio). The keys stay in section "Feeds", where they
/// were documented first, so existing configuration keeps working.
/// </summary>
public sealed class SafeHttpOptions
{
    public const string Section = "Feeds";

    /// <summary>User-Agent sent with every fetch. Empty: "PodBrief/1.0 (+App:PublicBaseUrl)".</summary>
    public string? UserAgent { get; set; }

    /// <summary>Total time limit of one fetch, headers and body together, redirects included.</summary>
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>Largest body we read (after decompression); larger bodies are refused while streaming.</summary>
    public long MaxBodyBytes { get; set; } = 20L * 1024 * 1024;

    /// <summary>Allow loopback/private/link-local targets. For local development and tests only.</summary>
    public bool AllowPrivateAddresses { get; set; }

    /// <summary>Most redirects followed by hand before giving up.</summary>
    public int MaxRedirects { get; set; } = 5;

    /// <summary>Most fetches in flight per host: the poll tick enqueues no more, the handler opens no more sockets.</summary>
    public int PerHostConcurrency { get; set; } = 2;

    public TimeSpan Timeout => TimeSpan.FromSeconds(TimeoutSeconds);
}
