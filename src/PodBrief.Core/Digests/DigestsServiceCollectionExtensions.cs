using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace PodBrief.Core.Digests;

public static class DigestsServiceCollectionExtensions
{
    /// <summary>Registers the Digests feature: its options (validated at startup), services, jobs and ticks.</summary>
    public static IServiceCollection AddPodBriefDigests(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddPodBriefDigestSending(configuration);
        return services;
    }
}
