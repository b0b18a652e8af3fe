using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PodBrief.Core.Insights;
using PodBrief.Core.Insights.Llm;

namespace PodBrief.IntegrationTests.Insights.Llm;

/// <summary>How AddLlmInsights takes over from the registrations made before it (the offline ones).</summary>
public class LlmRegistrationTests
{
    private sealed class OfflineStandIn : IInsightExtractor
    {
        public string Name => "offline-stand-in";
        public string PromptVersion => "1";
        public Task<ExtractionResult> ExtractAsync(ExtractionRequest request, CancellationToken cancellationToken) =>
            Task.FromResult(new ExtractionResult([]));
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IInsightExtractor, OfflineStandIn>();
        services.AddLlmInsights(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    [Fact]
    public void Without_an_llm_the_offline_extractor_stays_and_stays_a_singleton()
    {
        using var provider = Build([]);
        var first = provider.GetRequiredService<IInsightExtractor>();
        Assert.IsType<OfflineStandIn>(first);
        Assert.Same(first, provider.GetRequiredService<IInsightExtractor>());
    }

    [Fact]
    public void With_an_llm_the_llm_extractor_replaces_it()
    {
        using var provider = Build(new()
        {
            ["Llm:Provider"] = "OpenAICompatible",
            ["Llm:BaseUrl"] = "http://127.0.0.1:9/v1",
            ["Llm:ChatDeployment"] = "llama3",
        });
        Assert.IsType<LlmInsightExtractor>(provider.GetRequiredService<IInsightExtractor>());
        Assert.IsType<OfflineStandIn>(provider.GetRequiredKeyedService<IInsightExtractor>(LlmInsightsServiceCollectionExtensions.OfflineKey));
    }
}
