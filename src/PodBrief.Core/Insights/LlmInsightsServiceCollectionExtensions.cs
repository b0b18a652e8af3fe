using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PodBrief.Core.Insights.Llm;

namespace PodBrief.Core.Insights;

public static class LlmInsightsServiceCollectionExtensions
{
    /// <summary>Key under which the registrations made before this method (the offline ones) stay resolvable.</summary>
    public const string OfflineKey = "offline";

    /// <summary>
    /// LLM extractor and embeddings (Azure OpenAI / OpenAI-compatible) when configured; usage and cost tracking.
    /// Runs after the offline registrations. Whether the LLM replaces them is decided when the service is
    /// resolved, from the bound options, so configuration added late (test hosts, reloads) is honoured.
    /// </summary>
    public static IServiceCollection AddLlmInsights(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        services.AddOptions<LlmOptions>().BindConfiguration(LlmOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<LlmOptions>, LlmOptionsValidator>();
        services.AddSingleton<LlmClientFactory>();
        services.AddSingleton<LlmUsageLedger>();
        services.AddSingleton<LlmCallRunner>();
        services.AddSingleton<ExtractionCacheStore>();
        services.AddSingleton<LlmInsightExtractor>();
        services.AddSingleton<AzureTextEmbedder>();

        services.ReplaceWhen<IInsightExtractor>(o => o.IsEnabled, sp => sp.GetRequiredService<LlmInsightExtractor>());
        services.ReplaceWhen<ITextEmbedder>(o => o.IsEnabled && !string.IsNullOrWhiteSpace(o.EmbeddingDeployment),
            sp => sp.GetRequiredService<AzureTextEmbedder>());
        return services;
    }

    /// <summary>
    /// Moves the existing registration of <typeparamref name="T"/> to the <see cref="OfflineKey"/> key (keeping its
    /// lifetime, so a singleton model is still loaded once) and registers a selector in its place.
    /// </summary>
    private static void ReplaceWhen<T>(this IServiceCollection services, Func<LlmOptions, bool> useLlm, Func<IServiceProvider, T> llm)
        where T : class
    {
        var existing = services.LastOrDefault(d => d.ServiceType == typeof(T) && !d.IsKeyedService);
        var lifetime = ServiceLifetime.Singleton;
        if (existing is not null)
        {
            services.Remove(existing);
            services.Add(AsKeyed(existing));
            lifetime = existing.Lifetime;
        }
        services.Add(new ServiceDescriptor(typeof(T), sp =>
        {
            if (useLlm(sp.GetRequiredService<IOptions<LlmOptions>>().Value))
            {
                return llm(sp);
            }
            return existing is not null
                ? sp.GetRequiredKeyedService<T>(OfflineKey)
                : throw new InvalidOperationException($"No {typeof(T).Name} is registered and Llm:Provider is None.");
        }, lifetime));
    }

    private static ServiceDescriptor AsKeyed(ServiceDescriptor d) => d switch
    {
        { ImplementationInstance: { } instance } => new ServiceDescriptor(d.ServiceType, OfflineKey, instance),
        { ImplementationFactory: { } factory } => new ServiceDescriptor(d.ServiceType, OfflineKey, (sp, _) => factory(sp), d.Lifetime),
        _ => new ServiceDescriptor(d.ServiceType, OfflineKey, d.ImplementationType!, d.Lifetime),
    };

    private sealed class LlmOptionsValidator : IValidateOptions<LlmOptions>
    {
        public ValidateOptionsResult Validate(string? name, LlmOptions options) =>
            options.Problem() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
    }
}
