namespace PodBrief.Core.Feeds;

/// <summary>Settings of feed polling (section "Feeds"; the fetch limits in the same section are <see cref="Common.Http.SafeHttpOptions"/>).</summary>
public sealed class FeedsOptions
{
    public const string Section = "Feeds";

    /// <summary>Lower bound of the next-check interval, whatever ttl / max-age / Expires say.</summary>
    public TimeSpan MinCheckInterval { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Upper bound of the next-check interval (also the longest back-off).</summary>
    public TimeSpan MaxCheckInterval { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Consecutive failed polls after which a podcast is paused.</summary>
    public int MaxConsecutiveErrors { get; set; } = 10;

    /// <summary>Most refresh jobs enqueued by one tick.</summary>
    public int MaxFeedsPerTick { get; set; } = 500;

    /// <summary>Load the starter catalog when the catalog is empty.</summary>
    public bool LoadStarterCatalog { get; set; } = true;

    /// <summary>JSON file of well-known feeds; relative paths resolve against the app's base directory.</summary>
    public string StarterCatalogPath { get; set; } = "starter-catalog.json";
}
