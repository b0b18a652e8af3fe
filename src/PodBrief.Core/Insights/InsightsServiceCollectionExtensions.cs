using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace PodBrief.Core.Insights;

public static class InsightsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Insights feature. The offline extractor and local embedder are the defaults; the LLM
    /// registrations come after and replace them when an LLM endpoint is configured.
    /// </summary>
    public static IServiceCollection AddPodBriefInsights(this IServiceCollection services, IConfiguration configuration) =>
        services.AddOfflineInsights(configuration).AddLlmInsights(configuration);
}
