using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PodBrief.Core.Data;
using PodBrief.Core.Jobs;

namespace PodBrief.Core.Insights;

public static class OfflineInsightsServiceCollectionExtensions
{
    /// <summary>Offline extractor, local MiniLM embedder, topics seeding, grounding gate, extraction job and tick, dedupe.</summary>
    public static IServiceCollection AddOfflineInsights(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        services.AddOptions<InsightsOptions>()
            .BindConfiguration(InsightsOptions.Section)
            .Validate(o => o.MaxCardsPerEpisode is >= 1 and <= 20, "Insights:MaxCardsPerEpisode must be between 1 and 20.")
            .Validate(o => o.MaxEpisodeAgeDays >= 1, "Insights:MaxEpisodeAgeDays must be at least 1.")
            .Validate(o => o.DedupeThreshold is > 0 and <= 1, "Insights:DedupeThreshold must be in (0, 1].")
            .Validate(o => o.DedupeWindowDays >= 1, "Insights:DedupeWindowDays must be at least 1.")
            .Validate(o => o.MaxAttempts >= 1, "Insights:MaxAttempts must be at least 1.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.TickCron), "Insights:TickCron must be a cron expression.")
            .ValidateOnStart();

        // One model instance per process: loading MiniLM takes seconds. The LLM registrations may replace both.
        services.AddSingleton<LocalMiniLmEmbedder>();
        services.AddSingleton<ITextEmbedder>(sp => sp.GetRequiredService<LocalMiniLmEmbedder>());
        services.AddSingleton<OfflineInsightExtractor>();
        services.AddSingleton<IInsightExtractor>(sp => sp.GetRequiredService<OfflineInsightExtractor>());

        services.AddScoped<TopicEmbeddings>();
        services.AddScoped<IDatabaseSeeder, TopicSeeder>();
        services.AddScoped<CardClusterer>();
        services.AddScoped<ExtractEpisodeJob>();
        services.AddScoped<IRecurringTick, ExtractDueEpisodesTick>();
        return services;
    }
}
