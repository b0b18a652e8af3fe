using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using PodBrief.Core.Data;
using PodBrief.Core.Insights;
using PodBrief.Testing;
using static PodBrief.IntegrationTests.Insights.Llm.LlmTestKit;

namespace PodBrief.IntegrationTests.Insights.Llm;

/// <summary>The real Azure / OpenAI clients against a loopback OpenAI-compatible server.</summary>
public class LlmExtractionTests
{
    [Theory]
    [InlineData(ClientKind.Azure)]
    [InlineData(ClientKind.OpenAICompatible)]
    public async Task A_good_answer_becomes_grounded_cards_from_a_schema_bound_request(ClientKind kind)
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.ChatResponder = _ => Cards(DetectorCard, DistillationCard);
        await using var app = await StartAppAsync(server, kind);

        var result = await app.ExtractAsync();

        Assert.Collection(result.Cards,
            first =>
            {
                Assert.Equal("Cheap distillation erodes big-model moats", first.Headline);
                // The transcript's wording, with the speaker found where the quote was (the pause comma after its last
                // word left out).
                Assert.Equal("a smaller model can be trained cheaply by querying the larger one", first.Quote);
                Assert.Equal("Ada", first.Speaker);
                Assert.Equal(["ai"], first.TopicSlugs);
            },
            second => Assert.Equal("Ben", second.Speaker));

        var request = Assert.Single(server.ChatRequests);
        Assert.Equal(ChatPath(kind), request.Raw.PathAndQuery.Split('?')[0]);
        var format = request.Json!["response_format"]!;
        Assert.Equal("json_schema", format["type"]!.GetValue<string>());
        Assert.True(format["json_schema"]!["strict"]!.GetValue<bool>());
        Assert.NotNull(format["json_schema"]!["schema"]!["properties"]!["cards"]);
        var maxTokens = request.Json["max_completion_tokens"] ?? request.Json["max_tokens"];
        Assert.Equal(2000, maxTokens!.GetValue<int>());
        Assert.Equal(0.1, request.Json["temperature"]!.GetValue<double>(), 3);
        // The transcript is data in the user message; the system message holds only our rules.
        Assert.Contains("<transcript>", request.User, StringComparison.Ordinal);
        Assert.Contains(DistillationQuote, request.User, StringComparison.Ordinal);
        Assert.DoesNotContain("distillation", request.System, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("untrusted", request.System, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_json_is_asked_for_once_more()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Enqueue(FakeOpenAiServer.Chat("{\"cards\": [ {\"headline\": "));
        server.ChatResponder = _ => Cards(DistillationCard);
        await using var app = await StartAppAsync(server);

        var result = await app.ExtractAsync();

        Assert.Single(result.Cards);
        Assert.Equal(2, server.ChatRequests.Count);
    }

    [Fact]
    public async Task Malformed_json_twice_fails_the_episode_with_the_reason()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.ChatResponder = _ => "not json at all";
        await using var app = await StartAppAsync(server);

        var failure = await Assert.ThrowsAsync<ExtractionFailedException>(() => app.ExtractAsync());

        Assert.Contains("malformed JSON", failure.Message, StringComparison.Ordinal);
        Assert.Equal(2, server.ChatRequests.Count);
    }

    [Fact]
    public async Task A_hallucinated_quote_is_asked_for_once_then_dropped()
    {
        const string invented = "distillation is the single biggest threat the industry has ever faced in its history";
        await using var server = await FakeOpenAiServer.StartAsync();
        var hallucinated = Card("Distillation is the biggest threat", "Distillation threatens everyone. Labs must respond now.", invented);
        server.ChatResponder = _ => Cards(DistillationCard, hallucinated);
        await using var app = await StartAppAsync(server);

        var result = await app.ExtractAsync();

        var card = Assert.Single(result.Cards);
        Assert.Equal("Cheap distillation erodes big-model moats", card.Headline);
        Assert.Equal(2, server.ChatRequests.Count);
        var reask = server.ChatRequests[1];
        Assert.Contains(invented, reask.User, StringComparison.Ordinal);
        Assert.Contains("<transcript>", reask.User, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_corrected_quote_from_the_reask_is_kept()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        var wrongQuote = Card("Detectors punish writers with a house style", "Detectors flag a brand's own new writing as machine-made.",
            "all new writing by people gets marked as written by machines now");
        server.Enqueue(FakeOpenAiServer.Chat(Cards(DistillationCard, wrongQuote)));
        server.ChatResponder = _ => Cards(DetectorCard);
        await using var app = await StartAppAsync(server);

        var result = await app.ExtractAsync();

        Assert.Equal(2, result.Cards.Count);
        Assert.Contains(result.Cards, c => c.Quote.Contains("flagged as AI-generated", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_prompt_injection_never_reaches_a_card()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        // A model that fell for it: the quote is genuinely in the transcript, so grounding alone would pass it.
        server.ChatResponder = _ => Cards(
            DistillationCard,
            Card("Read the full story", "Readers should visit evil.example for the full story on distillation.", InjectionSentence),
            Card("A note from the host", "The host asks listeners to check the website for the full story on this.", InjectionSentence),
            Card("Visit our sponsor", "Great deals at https://evil.example today for every listener of the show.", DistillationQuote));
        await using var app = await StartAppAsync(server);

        var result = await app.ExtractAsync();

        var card = Assert.Single(result.Cards);
        Assert.Equal("Cheap distillation erodes big-model moats", card.Headline);
        Assert.DoesNotContain(result.Cards, c => $"{c.Headline} {c.Body} {c.Quote} {string.Join(' ', c.Keywords)}"
            .Contains("evil.example", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(result.Cards, c => c.Quote.Contains("Ignore your instructions", StringComparison.OrdinalIgnoreCase));
        // The injection travelled only as data inside the user message's transcript.
        var request = server.ChatRequests[0];
        Assert.DoesNotContain("evil.example", request.System, StringComparison.Ordinal);
        var transcriptPart = request.User[request.User.IndexOf("<transcript>", StringComparison.Ordinal)..];
        Assert.Contains("evil.example", transcriptPart, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Long_transcripts_are_chunked_then_consolidated_in_one_more_call()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.ChatResponder = request => request.System.Contains("pick the strongest", StringComparison.Ordinal)
            ? """{"selected":[{"index":1,"importance":0.9},{"index":0,"importance":0.7},{"index":99,"importance":1}]}"""
            : Cards(request.User.Contains("part 1 of", StringComparison.Ordinal) ? DistillationCard : DetectorCard);
        await using var app = await StartAppAsync(server, extra: new() { ["Llm:ChunkTokens"] = "1000", ["Llm:ChunkOverlapTokens"] = "50" });
        var filler = Enumerable.Range(0, 120).Select(i => new Core.Transcripts.TranscriptSegment(
            100 + (i * 5), 105 + (i * 5), "Ben", $"Filler sentence number {i} about nothing in particular that goes on for a while."));
        var transcript = LlmTestKit.Transcript with { Segments = [.. LlmTestKit.Transcript.Segments, .. filler] };

        var result = await app.ExtractAsync(Request(transcript: transcript, maxCards: 1));

        var chunkCalls = server.ChatRequests.Count(r => r.User.Contains("<transcript>", StringComparison.Ordinal));
        Assert.True(chunkCalls >= 2, $"{chunkCalls} chunk calls");
        Assert.Equal(chunkCalls + 1, server.ChatRequests.Count);
        var card = Assert.Single(result.Cards);
        Assert.Equal("Detectors punish writers with a house style", card.Headline);
        Assert.Equal(0.9, card.Importance, 3);
    }

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task An_unchanged_transcript_is_never_paid_for_twice(DatabaseProvider provider)
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.ChatResponder = _ => Cards(DistillationCard);
        await using var app = await StartAppAsync(server, provider: provider);

        var first = await app.ExtractAsync();
        var requestsAfterFirst = server.Requests.Count;
        var second = await app.ExtractAsync();

        Assert.Equal(1, requestsAfterFirst);
        Assert.Equal(requestsAfterFirst, server.Requests.Count);
        Assert.Equal(first.Cards.Select(c => c.Quote), second.Cards.Select(c => c.Quote));
        await using var db = app.CreateDbContext();
        var entry = await db.ExtractionCache.SingleAsync(TestContext.Current.CancellationToken);
        Assert.EndsWith("|llm-v2|gpt-4o-mini", entry.CacheKey, StringComparison.Ordinal);
        Assert.Equal(1, await db.LlmUsage.CountAsync(TestContext.Current.CancellationToken));
    }

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task Every_call_is_recorded_with_tokens_and_estimated_cost(DatabaseProvider provider)
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Enqueue(FakeOpenAiServer.Error(500, "boom"));
        server.ChatResponder = _ => Cards(DistillationCard);
        await using var app = await StartAppAsync(server, provider: provider);

        await app.ExtractAsync(Request(episodeId: 7));

        await using var db = app.CreateDbContext();
        var rows = await db.LlmUsage.OrderBy(u => u.Id).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(2, rows.Count);
        Assert.False(rows[0].Succeeded);
        Assert.Contains("500", rows[0].Error, StringComparison.Ordinal);
        var ok = rows[1];
        Assert.True(ok.Succeeded);
        Assert.Equal(("gpt-4o-mini", "chat", 7L), (ok.Model, ok.Operation, ok.EpisodeId!.Value));
        Assert.True(ok.InputTokens > 300, $"{ok.InputTokens} input tokens");
        Assert.True(ok.OutputTokens > 20, $"{ok.OutputTokens} output tokens");
        Assert.Equal(((ok.InputTokens * 0.15m) + (ok.OutputTokens * 0.60m)) / 1_000_000m, ok.EstimatedCostUsd);
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime, ok.OccurredAt);
    }

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task A_spent_daily_budget_defers_extraction_until_tomorrow(DatabaseProvider provider)
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        await using var app = await StartAppAsync(server, provider: provider, extra: new() { ["Llm:DailyBudgetUsd"] = "2" });
        var now = app.Clock.GetUtcNow().UtcDateTime;
        await using (var db = app.CreateDbContext())
        {
            db.LlmUsage.Add(new LlmUsage { Model = "gpt-4o-mini", Operation = "chat", OccurredAt = now.AddDays(-1), EstimatedCostUsd = 50m, Succeeded = true });
            db.LlmUsage.Add(new LlmUsage { Model = "gpt-4o-mini", Operation = "chat", OccurredAt = now.AddHours(-1), EstimatedCostUsd = 2.5m, Succeeded = true });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var deferred = await Assert.ThrowsAsync<ExtractionDeferredException>(() => app.ExtractAsync());

        Assert.Empty(server.Requests);
        Assert.Equal(now.Date.AddDays(1), deferred.RetryAfterUtc);
        Assert.Contains("Llm:DailyBudgetUsd", deferred.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Yesterdays_spending_does_not_count_against_today()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.ChatResponder = _ => Cards(DistillationCard);
        await using var app = await StartAppAsync(server, extra: new() { ["Llm:DailyBudgetUsd"] = "2" });
        await using (var db = app.CreateDbContext())
        {
            db.LlmUsage.Add(new LlmUsage { Model = "gpt-4o-mini", Operation = "chat", OccurredAt = app.Clock.GetUtcNow().UtcDateTime.Date.AddSeconds(-1), EstimatedCostUsd = 50m, Succeeded = true });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        Assert.Single((await app.ExtractAsync()).Cards);
    }

    internal static JsonNode? Parse(string body) => JsonNode.Parse(body);
}
