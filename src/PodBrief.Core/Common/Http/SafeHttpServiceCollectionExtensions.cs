using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace PodBrief.Core.Common.Http;

public static class SafeHttpServiceCollectionExtensions
{
    /// <summary>
    /// Registers the one fetcher for hostile URLs and its options. Every stage that fetches calls this; the
    /// second call is a no-op.
    /// </summary>
    public static IServiceCollection AddPodBriefSafeHttp(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(ISafeHttpFetcher)))
        {
            return services;
        }
        services.AddOptions<SafeHttpOptions>()
            .BindConfiguration(SafeHttpOptions.Section)
            .Validate(o => o.TimeoutSeconds is > 0 and <= 600, "Feeds:TimeoutSeconds must be between 1 and 600.")
            .Validate(o => o.MaxBodyBytes > 0, "Feeds:MaxBodyBytes must be positive.")
            .Validate(o => o.MaxRedirects is >= 0 and <= 20, "Feeds:MaxRedirects must be between 0 and 20.")
            .Validate(o => o.PerHostConcurrency > 0, "Feeds:PerHostConcurrency must be positive.")
            .ValidateOnStart();
        services.AddHttpClient(SafeHttpFetcher.ClientName, c => c.Timeout = System.Threading.Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp => SafeHttpHandlerFactory.Create(sp.GetRequiredService<IOptions<SafeHttpOptions>>().Value));
        services.AddSingleton<ISafeHttpFetcher, SafeHttpFetcher>();
        return services;
    }
}
