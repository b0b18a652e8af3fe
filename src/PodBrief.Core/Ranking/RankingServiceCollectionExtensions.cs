using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace PodBrief.Core.Ranking;

public static class RankingServiceCollectionExtensions
{
    /// <summary>Registers the Ranking feature: its options (validated at startup), services, jobs and ticks.</summary>
    public static IServiceCollection AddPodBriefRanking(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        services.AddOptions<RankingOptions>()
            .BindConfiguration(RankingOptions.Section)
            .Validate(o => o.CandidateDays is >= 1 and <= 60, "Ranking:CandidateDays must be between 1 and 60.")
            .Validate(o => o.MinScore is >= 0 and < 1, "Ranking:MinScore must be at least 0 and below 1.")
            .Validate(o => o.DigestSize is >= 1 and <= 20, "Ranking:DigestSize must be between 1 and 20.")
            .Validate(o => o.MmrLambda is >= 0 and <= 1, "Ranking:MmrLambda must be between 0 and 1.")
            .Validate(o => o.FreshnessHalfLifeHours > 0, "Ranking:FreshnessHalfLifeHours must be positive.")
            .ValidateOnStart();
        services.AddSingleton<DigestRanker>();
        services.AddScoped<RankingInputLoader>();
        services.AddScoped<SubscriberProfileBuilder>();
        return services;
    }
}
