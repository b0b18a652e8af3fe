using Microsoft.Extensions.DependencyInjection;
using PodBrief.Core.Data;
using PodBrief.Core.Insights;
using PodBrief.Core.Insights.Llm;
using PodBrief.Testing;
using static PodBrief.IntegrationTests.Insights.Llm.LlmTestKit;

namespace PodBrief.IntegrationTests.Insights.Llm;

public class LlmConfigurationTests
{
    [Theory]
    [InlineData("Llm:Endpoint", "AzureOpenAI", "Llm:Endpoint")]
    [InlineData("Llm:ChatDeployment", "AzureOpenAI", "Llm:ChatDeployment")]
    [InlineData("Llm:ApiKey", "AzureOpenAI", "Llm:ApiKey")]
    [InlineData("Llm:BaseUrl", "OpenAICompatible", "Llm:BaseUrl")]
    public async Task A_missing_setting_stops_startup_and_names_the_key(string removed, string provider, string named)
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        var settings = Settings(server, provider == "AzureOpenAI" ? ClientKind.Azure : ClientKind.OpenAICompatible);
        settings[removed] = "";

        var error = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(async () =>
        {
            await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite, settings);
        });

        Assert.Contains(error.Failures, f => f.Contains(named, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(ClientKind.Azure)]
    [InlineData(ClientKind.OpenAICompatible)]
    public async Task The_configured_llm_replaces_the_extractor_and_embedder(ClientKind kind)
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        await using var app = await StartAppAsync(server, kind);
        await app.WithScopeAsync(sp =>
        {
            var extractor = Assert.IsType<LlmInsightExtractor>(sp.GetRequiredService<IInsightExtractor>());
            Assert.Equal("llm:gpt-4o-mini", extractor.Name);
            Assert.Equal(EmbeddingDeployment, Assert.IsType<AzureTextEmbedder>(sp.GetRequiredService<ITextEmbedder>()).ModelName);
            return Task.CompletedTask;
        });
    }
}
