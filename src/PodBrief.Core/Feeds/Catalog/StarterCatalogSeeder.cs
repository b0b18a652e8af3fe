using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PodBrief.Core.Common;
using PodBrief.Core.Data;

namespace PodBrief.Core.Feeds.Catalog;

/// <summary>
/// On first start (catalog empty but for the sample show, Feeds:LoadStarterCatalog true) adds the feeds listed in Feeds:StarterCatalogPath, a
/// JSON array of { "url", "title" } the operator may edit. Podcasts are stored unfetched; the poller fetches them.
/// </summary>
public sealed class StarterCatalogSeeder(IOptions<FeedsOptions> options, PodcastCatalog catalog, ILogger<StarterCatalogSeeder> logger) : IDatabaseSeeder
{
    public int Order => 10;

    public async Task SeedAsync(PodBriefDbContext db, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.LoadStarterCatalog || await db.Podcasts.AnyAsync(p => p.AddedBy != PodcastSource.Sample, cancellationToken))
        {
            return;
        }
        if (ShippedFiles.Find(settings.StarterCatalogPath, "Feeds:StarterCatalogPath", logger) is not { } path)
        {
            return;
        }
        await using var stream = File.OpenRead(path);
        var entries = await JsonSerializer.DeserializeAsync<List<StarterFeed>>(stream, JsonOptions, cancellationToken) ?? [];
        foreach (var entry in entries.Where(e => !string.IsNullOrWhiteSpace(e.Url)))
        {
            // The file marks transcript-publishing feeds with "*" for the operator; subscribers never see that marker.
            await catalog.AddUnfetchedAsync(entry.Url!, CatalogTitle.WithoutMarker(entry.Title), PodcastSource.StarterCatalog, cancellationToken);
        }
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true, ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    private sealed record StarterFeed(string? Url, string? Title);
}
