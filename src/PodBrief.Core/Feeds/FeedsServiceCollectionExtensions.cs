using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PodBrief.Core.Common;
using PodBrief.Core.Feeds.Catalog;
using PodBrief.Core.Feeds.Http;
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
            .Validate(o => o.TimeoutSeconds is > 0 and <= 600, "Feeds:TimeoutSeconds must be between 1 and 600.")
            .Validate(o => o.MaxBodyBytes > 0, "Feeds:MaxBodyBytes must be positive.")
            .Validate(o => o.MaxRedirects is >= 0 and <= 20, "Feeds:MaxRedirects must be between 0 and 20.")
            .Validate(o => o.MinCheckInterval > TimeSpan.Zero, "Feeds:MinCheckInterval must be positive (e.g. 00:30:00).")
            .Validate(o => o.MaxCheckInterval >= o.MinCheckInterval, "Feeds:MaxCheckInterval must be at least Feeds:MinCheckInterval.")
            .Validate(o => o.MaxConsecutiveErrors > 0, "Feeds:MaxConsecutiveErrors must be positive.")
            .Validate(o => o.PerHostConcurrency > 0, "Feeds:PerHostConcurrency must be positive.")
            .Validate(o => o.MaxFeedsPerTick > 0, "Feeds:MaxFeedsPerTick must be positive.")
            .Validate(o => !o.LoadStarterCatalog || !string.IsNullOrWhiteSpace(o.StarterCatalogPath),
                "Feeds:StarterCatalogPath must be set when Feeds:LoadStarterCatalog is true.")
            .ValidateOnStart();

        services.AddHttpClient(SafeHttpFetcher.ClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp => SafeHttpHandlerFactory.Create(sp.GetRequiredService<IOptions<FeedsOptions>>().Value));
        services.AddSingleton<ISafeHttpFetcher, SafeHttpFetcher>();
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
