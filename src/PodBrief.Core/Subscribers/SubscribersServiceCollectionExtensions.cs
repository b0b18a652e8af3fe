using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace PodBrief.Core.Subscribers;

public static class SubscribersServiceCollectionExtensions
{
    /// <summary>Registers the Subscribers feature: tokens, links, signup and preferences services.</summary>
    public static IServiceCollection AddPodBriefSubscribers(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        services.AddScoped<SubscriberTokenService>();
        services.AddSingleton<SubscriberLinks>();
        return services;
    }
}
