using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PodBrief.Core.Transcripts;

namespace PodBrief.Core.Insights;

public static class InsightsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Insights feature. The offline extractor and local embedder are the defaults; the LLM
    /// registrations come after and replace them when an LLM endpoint is configured.
    /// </summary>
    public static IServiceCollection AddPodBriefInsights(this IServiceCollection services, IConfiguration configuration)
    {
        // Only episodes inside the extraction window can become cards: the transcript stage fetches no others
        // unless asked (a forced poll or extraction), instead of downloading the whole back catalogue.
        services.AddOptions<TranscriptOptions>()
            .Configure<IOptions<InsightsOptions>>((transcripts, insights) => transcripts.FetchWindowDays = insights.Value.MaxEpisodeAgeDays);
        return services.AddOfflineInsights(configuration).AddLlmInsights(configuration);
    }
}
