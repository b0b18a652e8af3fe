using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PodBrief.Core.Insights.Llm;

/// <summary>
/// Insight cards from an LLM: one structured-output call per transcript chunk, one re-ask for cards whose quote
/// is not in the transcript, one consolidation call when there are more candidates than the episode may keep.
/// Every quote passes <see cref="GroundingGate"/>; results are cached so an unchanged transcript costs nothing.
/// </summary>
public sealed class LlmInsightExtractor(
    LlmClientFactory clients,
    LlmCallRunner runner,
    ExtractionCacheStore cache,
    IOptions<LlmOptions> options,
    ILogger<LlmInsightExtractor> logger) : IInsightExtractor
{
    private readonly Lazy<IChatClient> _chat = new(clients.CreateChatClient);

    private string Model => options.Value.ChatModelName;

    public string Name => $"llm:{Model}";

    public string PromptVersion => LlmPrompts.Version;

    public async Task<ExtractionResult> ExtractAsync(ExtractionRequest request, CancellationToken cancellationToken)
    {
        var key = ExtractionCacheStore.Key(request, PromptVersion, Model);
        if (await cache.GetAsync(key, cancellationToken) is { } cached)
        {
            return cached;
        }
        var o = options.Value;
        var chunks = LlmTranscriptChunker.Split(request.Transcript, o.ChunkTokens, o.ChunkOverlapTokens);
        var gate = new GroundingGate(request.Transcript);
        var slugs = request.Topics.Select(t => t.Slug).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var candidates = new List<ExtractedCard>();
        var failed = new List<(CardDto Card, int Chunk)>();
        for (var i = 0; i < chunks.Count; i++)
        {
            var answer = await AskAsync<CardsDto>(request.EpisodeId, LlmPrompts.SystemPrompt,
                LlmPrompts.ChunkMessage(request, chunks[i], i + 1, chunks.Count), LlmPrompts.CardsFormat, cancellationToken);
            foreach (var card in answer.Cards ?? [])
            {
                switch (Ground(card, gate, slugs))
                {
                    case GroundingOutcome.Grounded grounded: candidates.Add(grounded.Card); break;
                    case GroundingOutcome.QuoteNotFound: failed.Add((card, i)); break;
                }
            }
        }
        if (failed.Count > 0)
        {
            candidates.AddRange(await ReaskAsync(request, chunks, failed, gate, slugs, cancellationToken));
        }
        var distinct = Distinct(candidates);
        var chosen = distinct.Count > request.MaxCards
            ? await ConsolidateAsync(request, distinct, cancellationToken)
            : [.. distinct.OrderByDescending(c => c.Importance)];
        var result = new ExtractionResult(chosen);
        await cache.PutAsync(key, result, cancellationToken);
        return result;
    }

    /// <summary>One extra call for all cards whose quote was not found; those still not found are dropped.</summary>
    private async Task<List<ExtractedCard>> ReaskAsync(ExtractionRequest request, IReadOnlyList<string> chunks,
        List<(CardDto Card, int Chunk)> failed, GroundingGate gate, HashSet<string> slugs, CancellationToken cancellationToken)
    {
        logger.LogInformation("Episode {EpisodeId}: {Count} quotes not found in the transcript; asking once more.", request.EpisodeId, failed.Count);
        var sources = failed.Select(f => f.Chunk).Distinct().Order().Select(i => chunks[i]);
        var answer = await AskAsync<CardsDto>(request.EpisodeId, LlmPrompts.SystemPrompt,
            LlmPrompts.ReaskMessage(request, sources, failed.Select(f => f.Card)), LlmPrompts.CardsFormat, cancellationToken);
        return [.. (answer.Cards ?? []).Select(c => Ground(c, gate, slugs)).OfType<GroundingOutcome.Grounded>().Select(g => g.Card)];
    }

    private async Task<List<ExtractedCard>> ConsolidateAsync(ExtractionRequest request, List<ExtractedCard> candidates,
        CancellationToken cancellationToken)
    {
        var answer = await AskAsync<SelectionDto>(request.EpisodeId, LlmPrompts.ConsolidationSystemPrompt,
            LlmPrompts.ConsolidationMessage(request, candidates), LlmPrompts.SelectionFormat, cancellationToken);
        var chosen = (answer.Selected ?? [])
            .Where(s => s.Index >= 0 && s.Index < candidates.Count)
            .DistinctBy(s => s.Index)
            .Select(s => candidates[s.Index] with { Importance = double.IsFinite(s.Importance) ? Math.Clamp(s.Importance, 0, 1) : candidates[s.Index].Importance })
            .Take(request.MaxCards)
            .ToList();
        // A selection that names nothing usable should not cost the episode its cards.
        return chosen.Count > 0 ? chosen : [.. candidates.OrderByDescending(c => c.Importance).Take(request.MaxCards)];
    }

    private static GroundingOutcome Ground(CardDto card, GroundingGate gate, HashSet<string> slugs)
    {
        if (LlmCardScreen.Screen(card, slugs) is not { } screened)
        {
            return new GroundingOutcome.Rejected();
        }
        if (gate.Locate(screened.Quote) is not { } found)
        {
            return new GroundingOutcome.QuoteNotFound();
        }
        // The transcript's own words, and its speaker, replace the model's copy.
        return new GroundingOutcome.Grounded(screened with { Quote = found.VerbatimText, Speaker = found.Speaker });
    }

    /// <summary>Chunk overlaps can yield the same card twice; the same quote means the same card.</summary>
    private static List<ExtractedCard> Distinct(List<ExtractedCard> cards) =>
        [.. cards.GroupBy(c => GroundingGate.Normalize(c.Quote.Replace(" ", "", StringComparison.Ordinal)))
            .Select(g => g.OrderByDescending(c => c.Importance).First())];

    /// <summary>One chat call with a strict JSON schema; malformed output is asked for once more, then fails the episode.</summary>
    private async Task<T> AskAsync<T>(long episodeId, string system, string user, ChatResponseFormat format, CancellationToken cancellationToken)
        where T : class
    {
        var o = options.Value;
        var chatOptions = new ChatOptions
        {
            Temperature = o.Temperature,
            MaxOutputTokens = o.MaxOutputTokens,
            ResponseFormat = format,
            // Strict structured output: the server enforces the schema instead of hoping the model follows it.
            AdditionalProperties = new AdditionalPropertiesDictionary { ["strict"] = true },
        };
        List<ChatMessage> messages = [new(ChatRole.System, system), new(ChatRole.User, user)];
        for (var attempt = 1; ; attempt++)
        {
            var (text, finish) = await runner.RunAsync(new LlmCall(Model, "chat", episodeId), async ct =>
            {
                var response = await _chat.Value.GetResponseAsync(messages, chatOptions, ct);
                return ((response.Text, response.FinishReason), response.Usage);
            }, cancellationToken);
            if (finish == ChatFinishReason.ContentFilter)
            {
                throw new ExtractionFailedException("LLM response blocked by the content filter.");
            }
            try
            {
                if (JsonSerializer.Deserialize<T>(text, LlmPrompts.JsonOptions) is { } parsed)
                {
                    return parsed;
                }
            }
            catch (JsonException ex) when (attempt < 2)
            {
                logger.LogWarning(ex, "Episode {EpisodeId}: malformed JSON from the LLM; asking again.", episodeId);
                continue;
            }
            catch (JsonException ex)
            {
                throw new ExtractionFailedException($"LLM returned malformed JSON twice ({Shorten(ex.Message)}).", ex);
            }
            if (attempt >= 2)
            {
                throw new ExtractionFailedException("LLM returned an empty JSON document twice.");
            }
        }
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200];

    private abstract record GroundingOutcome
    {
        public sealed record Grounded(ExtractedCard Card) : GroundingOutcome;
        public sealed record QuoteNotFound : GroundingOutcome;
        public sealed record Rejected : GroundingOutcome;
    }
}
