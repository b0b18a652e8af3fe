using System.Numerics.Tensors;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PodBrief.Core.Data;
using PodBrief.Core.Insights;
using PodBrief.Testing;
using static PodBrief.IntegrationTests.Insights.Llm.LlmTestKit;

namespace PodBrief.IntegrationTests.Insights.Llm;

public class AzureTextEmbedderTests
{
    public static TheoryData<ClientKind, DatabaseProvider> Cases => new()
    {
        { ClientKind.Azure, DatabaseProvider.Sqlite },
        { ClientKind.OpenAICompatible, DatabaseProvider.Sqlite },
        { ClientKind.Azure, DatabaseProvider.Postgres },
    };

    [Theory, MemberData(nameof(Cases))]
    public async Task Embeddings_come_back_normalized_in_order_and_are_recorded(ClientKind kind, DatabaseProvider provider)
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        await using var app = await StartAppAsync(server, kind, provider);
        string[] texts = ["distillation attacks", "brand voice and detectors", "distillation attacks"];

        var vectors = await app.WithScopeAsync(sp => sp.GetRequiredService<ITextEmbedder>().EmbedAsync(texts, TestContext.Current.CancellationToken));

        Assert.Equal(3, vectors.Count);
        Assert.All(vectors, v => Assert.Equal(1.0, TensorPrimitives.Norm(v), 4));
        Assert.Equal(vectors[0], vectors[2]);
        Assert.NotEqual(vectors[0], vectors[1]);
        var request = Assert.Single(server.EmbeddingRequests);
        Assert.Equal(kind == ClientKind.Azure ? $"/openai/deployments/{EmbeddingDeployment}/embeddings" : "/v1/embeddings",
            request.PathAndQuery.Split('?')[0]);
        await using var db = app.CreateDbContext();
        var usage = await db.LlmUsage.SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal((EmbeddingDeployment, "embedding", true), (usage.Model, usage.Operation, usage.Succeeded));
        Assert.True(usage.InputTokens > 0);
        Assert.Equal(usage.InputTokens * 0.02m / 1_000_000m, usage.EstimatedCostUsd);
    }
}

/// <summary>Embeddings go through the same retry policy as chat and speech to text (issue 10, defect 12).</summary>
public class EmbeddingResilienceTests
{
    [Theory]
    [InlineData(429)]
    [InlineData(503)]
    public async Task A_transient_embedding_failure_is_retried_once_by_the_shared_policy_and_both_attempts_are_recorded(int status)
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Enqueue(FakeOpenAiServer.Error(status, "try again", headers: new Dictionary<string, string> { ["retry-after-ms"] = "20" }));
        await using var app = await StartAppAsync(server, ClientKind.OpenAICompatible);

        var vectors = await app.WithScopeAsync(sp => sp.GetRequiredService<ITextEmbedder>().EmbedAsync(["distillation attacks"], TestContext.Current.CancellationToken));

        Assert.Single(vectors);
        // Two requests: ours, once retried; the SDK's own retries are off, so they do not stack on the policy's.
        Assert.Equal(2, server.EmbeddingRequests.Count);
        await using var db = app.CreateDbContext();
        var attempts = await db.LlmUsage.OrderBy(u => u.Id).Select(u => u.Succeeded).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal([false, true], attempts);
    }
}
