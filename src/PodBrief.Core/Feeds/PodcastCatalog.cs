using PodBrief.Core.Data;

namespace PodBrief.Core.Feeds;

/// <summary>
/// Adds podcasts to the catalog by feed URL: the one validation path for operators (admin page, CLI, OPML)
/// and subscribers (preferences), so the SSRF guard protects all of them. (Built by the feed-ingestion work.)
/// </summary>
public interface IPodcastCatalog
{
    /// <summary>Validates the URL (scheme, credentials, SSRF), fetches and parses the feed once, and stores it.
    /// Returns the existing podcast when the URL is already in the catalog.</summary>
    Task<AddPodcastResult> AddAsync(string feedUrl, PodcastSource source, CancellationToken cancellationToken);
}

public sealed record AddPodcastResult(Podcast? Podcast, string? Error)
{
    public bool Succeeded => Podcast is not null;
}
