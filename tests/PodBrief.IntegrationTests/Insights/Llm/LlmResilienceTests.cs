using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using PodBrief.Core.Insights;
using PodBrief.Testing;
using static PodBrief.IntegrationTests.Insights.Llm.LlmTestKit;

namespace PodBrief.IntegrationTests.Insights.Llm;

/// <summary>Retries are ours alone (the SDK's are off): the request counts below prove it.</summary>
public class LlmResilienceTests
{
    [Theory]
    [InlineData(ClientKind.Azure)]
    [InlineData(ClientKind.OpenAICompatible)]
    public async Task A_429_with_retry_after_ms_is_retried_after_the_given_wait(ClientKind kind)
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Enqueue(FakeOpenAiServer.Error(429, "Rate limit", "429", new Dictionary<string, string> { ["retry-after-ms"] = "700", ["retry-after"] = "30" }));
        server.ChatResponder = _ => Cards(DistillationCard);
        await using var app = await StartAppAsync(server, kind);

        var watch = Stopwatch.StartNew();
        var result = await app.ExtractAsync();

        Assert.Single(result.Cards);
        Assert.Equal(2, server.ChatRequests.Count);
        // retry-after-ms wins over retry-after (30 s would have deferred the episode instead).
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(650), TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task A_429_with_retry_after_seconds_is_honoured()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Enqueue(FakeOpenAiServer.Error(429, "Rate limit", "429", new Dictionary<string, string> { ["retry-after"] = "1" }));
        server.ChatResponder = _ => Cards(DistillationCard);
        await using var app = await StartAppAsync(server);

        var watch = Stopwatch.StartNew();
        Assert.Single((await app.ExtractAsync()).Cards);

        Assert.Equal(2, server.ChatRequests.Count);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(950), $"retried after {watch.Elapsed}");
    }

    [Fact]
    public async Task A_429_asking_for_a_long_wait_defers_the_episode_instead_of_holding_a_worker()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Enqueue(FakeOpenAiServer.Error(429, "Quota", "429", new Dictionary<string, string> { ["retry-after"] = "3600" }));
        await using var app = await StartAppAsync(server);

        var deferred = await Assert.ThrowsAsync<ExtractionDeferredException>(() => app.ExtractAsync());

        Assert.Single(server.Requests);
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime.AddHours(1), deferred.RetryAfterUtc);
    }

    [Theory]
    [InlineData(ClientKind.Azure)]
    [InlineData(ClientKind.OpenAICompatible)]
    public async Task A_500_is_retried_then_succeeds(ClientKind kind)
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Enqueue(FakeOpenAiServer.Error(500, "Internal error"));
        server.ChatResponder = _ => Cards(DistillationCard);
        await using var app = await StartAppAsync(server, kind);

        Assert.Single((await app.ExtractAsync()).Cards);
        Assert.Equal(2, server.ChatRequests.Count);
    }

    [Fact]
    public async Task Server_errors_are_retried_a_bounded_number_of_times_then_the_episode_waits()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.ChatResponder = _ => "unused";
        for (var i = 0; i < 5; i++)
        {
            server.Enqueue(FakeOpenAiServer.Error(503, "Overloaded"));
        }
        await using var app = await StartAppAsync(server, extra: new() { ["Llm:MaxRetries"] = "2" });

        var deferred = await Assert.ThrowsAsync<ExtractionDeferredException>(() => app.ExtractAsync());

        Assert.Equal(3, server.Requests.Count);
        Assert.Contains("503", deferred.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ClientKind.Azure, 400)]
    [InlineData(ClientKind.OpenAICompatible, 400)]
    [InlineData(ClientKind.Azure, 401)]
    [InlineData(ClientKind.Azure, 403)]
    public async Task Client_errors_are_not_retried_and_the_failure_is_recorded(ClientKind kind, int status)
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Enqueue(FakeOpenAiServer.Error(status, "Invalid request: max_tokens is too large"));
        await using var app = await StartAppAsync(server, kind);

        var failure = await Assert.ThrowsAsync<ExtractionFailedException>(() => app.ExtractAsync());

        Assert.Single(server.Requests);
        Assert.Contains($"HTTP {status}", failure.Message, StringComparison.Ordinal);
        await using var db = app.CreateDbContext();
        var usage = await db.LlmUsage.SingleAsync(TestContext.Current.CancellationToken);
        Assert.False(usage.Succeeded);
        Assert.Contains("max_tokens is too large", usage.Error, StringComparison.Ordinal);
        Assert.Equal(0m, usage.EstimatedCostUsd);
    }

    [Fact]
    public async Task A_content_filter_rejection_is_not_retried_and_says_so()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Enqueue(FakeOpenAiServer.Error(400, "The response was filtered due to the prompt triggering Azure OpenAI's content management policy.", "content_filter"));
        await using var app = await StartAppAsync(server);

        var failure = await Assert.ThrowsAsync<ExtractionFailedException>(() => app.ExtractAsync());

        Assert.Single(server.Requests);
        Assert.Contains("content filter", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_filtered_completion_fails_without_a_retry()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Enqueue(FakeOpenAiServer.Chat("", finishReason: "content_filter"));
        await using var app = await StartAppAsync(server);

        var failure = await Assert.ThrowsAsync<ExtractionFailedException>(() => app.ExtractAsync());

        Assert.Single(server.Requests);
        Assert.Contains("content filter", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrent_extractions_never_exceed_max_concurrency()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.ResponseDelay = TimeSpan.FromMilliseconds(300);
        server.ChatResponder = _ => Cards(DistillationCard);
        await using var app = await StartAppAsync(server, extra: new() { ["Llm:MaxConcurrency"] = "2" });

        // Different episodes (different card limits) so the cache does not short-circuit any of them.
        await Task.WhenAll(Enumerable.Range(1, 5).Select(i => app.ExtractAsync(Request(episodeId: i, maxCards: i))));

        Assert.Equal(5, server.ChatRequests.Count);
        Assert.Equal(2, server.MaxConcurrentRequests);
    }
}
