using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PodBrief.Core.Common.Http;
using PodBrief.Core.Data;
using PodBrief.Core.Feeds.Catalog;
using PodBrief.Core.Feeds.Ingestion;
using PodBrief.Core.Jobs;

namespace PodBrief.Core.Feeds;

public static class FeedsServiceCollectionExtensions
{
    /// <summary>Registers the Feeds feature: its options (validated at startup), services, jobs and ticks.</summary>
    public static IServiceCollection AddPodBriefFeeds(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        services.AddOptions<FeedsOptions>()
            .BindConfiguration(FeedsOptions.Section)
            .Validate(o => o.MinCheckInterval > TimeSpan.Zero, "Feeds:MinCheckInterval must be positive (e.g. 00:30:00).")
            .Validate(o => o.MaxCheckInterval >= o.MinCheckInterval, "Feeds:MaxCheckInterval must be at least Feeds:MinCheckInterval.")
            .Validate(o => o.MaxConsecutiveErrors > 0, "Feeds:MaxConsecutiveErrors must be positive.")
            .Validate(o => o.MaxFeedsPerTick > 0, "Feeds:MaxFeedsPerTick must be positive.")
            .Validate(o => !o.LoadStarterCatalog || !string.IsNullOrWhiteSpace(o.StarterCatalogPath),
                "Feeds:StarterCatalogPath must be set when Feeds:LoadStarterCatalog is true.")
            .ValidateOnStart();

        services.AddPodBriefSafeHttp();
        services.AddScoped<RefreshPodcastJob>();
        services.AddScoped<PodcastCatalog>();
        services.AddScoped<IPodcastCatalog>(sp => sp.GetRequiredService<PodcastCatalog>());
        services.AddScoped<OpmlImporter>();
        services.AddScoped<IDatabaseSeeder, StarterCatalogSeeder>();
        services.AddSingleton<FeedPollRunner>();
        services.AddScoped<IRecurringTick, PollDueFeedsTick>();
        return services;
    }
}
