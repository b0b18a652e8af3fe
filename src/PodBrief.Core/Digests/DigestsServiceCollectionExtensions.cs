using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PodBrief.Core.Jobs;

namespace PodBrief.Core.Digests;

public static class DigestsServiceCollectionExtensions
{
    /// <summary>Registers the Digests feature: its options (validated at startup), services, jobs and ticks.</summary>
    public static IServiceCollection AddPodBriefDigests(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        services.AddOptions<DigestOptions>()
            .BindConfiguration(DigestOptions.Section)
            .Validate(o => o.MaxLateness >= TimeSpan.FromMinutes(10), "Digests:MaxLateness must be at least 00:10:00 (two dispatcher ticks).")
            .Validate(o => o.BatchSize is >= 1 and <= 100_000, "Digests:BatchSize must be between 1 and 100000.")
            .ValidateOnStart();
        services.AddScoped<DigestDispatcher>();
        services.AddScoped<DigestPreviewer>();
        services.AddScoped<AlreadySentQuery>();
        services.AddScoped<DispatchDigestBatchJob>();
        services.AddScoped<PodBrief.Core.Digests.PrivateFeed.PrivateFeedService>();
        services.AddScoped<PodBrief.Core.Digests.PrivateFeed.LikedCardsMarkdown>();
        services.AddScoped<IRecurringTick, DigestDispatchTick>();
        services.AddPodBriefDigestSending(configuration);
        return services;
    }
}
