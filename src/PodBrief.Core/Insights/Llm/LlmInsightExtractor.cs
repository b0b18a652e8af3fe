using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PodBrief.Core.Insights.Llm;

/// <summary>
/// Insight cards from an LLM: one structured-output call per transcript chunk, one re-ask for every card whose quote
/// is not in the transcript or that <see cref="Quality.CardQuality"/> faults (then dropped), one consolidation call
/// when there are more candidates than the episode may keep. Every quote passes <see cref="GroundingGate"/>; results
/// are cached by transcript hash + prompt version, so an unchanged transcript costs nothing.
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
        var review = new LlmCardReview(new GroundingGate(request.Transcript),
            request.Topics.Select(t => t.Slug).ToHashSet(StringComparer.OrdinalIgnoreCase), request.Transcript.Language);
        var candidates = new List<ExtractedCard>();
        var retry = new List<(RejectedCard Card, int Chunk)>();
        var dropped = new List<string>();
        for (var i = 0; i < chunks.Count; i++)
        {
            var answer = await AskAsync<CardsDto>(request.EpisodeId, LlmPrompts.SystemPrompt,
                LlmPrompts.ChunkMessage(request, chunks[i], i + 1, chunks.Count), LlmPrompts.CardsFormat, cancellationToken);
            foreach (var card in answer.Cards ?? [])
            {
                switch (review.Review(card))
                {
                    case LlmCardReview.Verdict.Kept kept: candidates.Add(kept.Card); break;
                    case LlmCardReview.Verdict.Retry again: retry.Add((new RejectedCard(card, again.Problems), i)); break;
                    case LlmCardReview.Verdict.Dropped drop: dropped.Add(drop.Reason); break;
                }
            }
        }
        if (retry.Count > 0)
        {
            candidates.AddRange(await ReaskAsync(request, chunks, retry, review, dropped, cancellationToken));
        }
        var distinct = Distinct(candidates);
        var chosen = distinct.Count > request.MaxCards
            ? await ConsolidateAsync(request, distinct, cancellationToken)
            : [.. distinct.OrderByDescending(c => c.Importance)];
        var result = new ExtractionResult(chosen) { Dropped = dropped };
        await cache.PutAsync(key, result, cancellationToken);
        return result;
    }

    /// <summary>
    /// One extra call for every card that failed grounding or the quality gate, each sent back with its problems;
    /// whatever still fails is dropped — a card is re-asked once, never twice.
    /// </summary>
    private async Task<List<ExtractedCard>> ReaskAsync(ExtractionRequest request, IReadOnlyList<string> chunks,
        List<(RejectedCard Card, int Chunk)> failed, LlmCardReview review, List<string> dropped, CancellationToken cancellationToken)
    {
        logger.LogInformation("Episode {EpisodeId}: {Count} card(s) failed grounding or the quality gate; asking once more.",
            request.EpisodeId, failed.Count);
        var sources = failed.Select(f => f.Chunk).Distinct().Order().Select(i => chunks[i]);
        var answer = await AskAsync<CardsDto>(request.EpisodeId, LlmPrompts.SystemPrompt,
            LlmPrompts.ReaskMessage(request, sources, failed.Select(f => f.Card)), LlmPrompts.CardsFormat, cancellationToken);
        var kept = new List<ExtractedCard>();
        foreach (var card in answer.Cards ?? [])
        {
            switch (review.Review(card))
            {
                case LlmCardReview.Verdict.Kept good: kept.Add(good.Card); break;
                case LlmCardReview.Verdict.Retry still: dropped.Add("after a re-ask: " + string.Join(", ", still.Problems)); break;
                case LlmCardReview.Verdict.Dropped drop: dropped.Add(drop.Reason); break;
            }
        }
        // Cards the model left out of its second answer count as dropped too.
        var leftOut = failed.Count - (answer.Cards?.Count ?? 0);
        dropped.AddRange(Enumerable.Repeat("left out by the model after a re-ask", Math.Max(0, leftOut)));
        return kept;
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
}
