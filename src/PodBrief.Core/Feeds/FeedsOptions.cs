namespace PodBrief.Core.Feeds;

/// <summary>Settings of feed polling and of every hostile-URL fetch (section "Feeds").</summary>
public sealed class FeedsOptions
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

    /// <summary>Lower bound of the next-check interval, whatever ttl / max-age / Expires say.</summary>
    public TimeSpan MinCheckInterval { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Upper bound of the next-check interval (also the longest back-off).</summary>
    public TimeSpan MaxCheckInterval { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Consecutive failed polls after which a podcast is paused.</summary>
    public int MaxConsecutiveErrors { get; set; } = 10;

    /// <summary>Most refresh jobs enqueued per feed host in one tick.</summary>
    public int PerHostConcurrency { get; set; } = 2;

    /// <summary>Most refresh jobs enqueued by one tick.</summary>
    public int MaxFeedsPerTick { get; set; } = 500;

    /// <summary>Load the starter catalog when the catalog is empty.</summary>
    public bool LoadStarterCatalog { get; set; } = true;

    /// <summary>JSON file of well-known feeds; relative paths resolve against the app's base directory.</summary>
    public string StarterCatalogPath { get; set; } = "starter-catalog.json";

    /// <summary>
    /// Load the sample show (episodes with timed transcripts that ship with the app) into an empty catalog, so a
    /// fresh install shows real cards without any network. Unset: on for SQLite outside Production.
    /// </summary>
    public bool? LoadSampleContent { get; set; }

    /// <summary>Manifest of the sample show; relative paths resolve against the app's base directory.</summary>
    public string SampleContentPath { get; set; } = "SampleContent/sample-show.json";

    public TimeSpan Timeout => TimeSpan.FromSeconds(TimeoutSeconds);
}
