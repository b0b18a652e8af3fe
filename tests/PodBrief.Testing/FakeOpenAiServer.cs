using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using PodBrief.Core.Common;
using PodBrief.Core.Insights.Llm;

namespace PodBrief.Testing;

/// <summary>
/// An OpenAI-compatible HTTP server on loopback for the real Azure.AI.OpenAI / OpenAI clients. Serves both the
/// Azure paths (/openai/deployments/{name}/chat/completions, /embeddings) and the /v1 paths. Replies come from a
/// queue of scripted answers (errors, malformed JSON, hostile cards) and then from <see cref="ChatResponder"/>;
/// usage figures are real o200k token counts of what was received.
/// </summary>
public sealed class FakeOpenAiServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<Func<FakeChatRequest, FakeReply>> _script = new();
    private LoopbackHttpServer _http = null!;
    private int _inFlight;
    private int _maxInFlight;

    /// <summary>How long each answer takes, to observe concurrency.</summary>
    public TimeSpan ResponseDelay { get; set; }

    /// <summary>The most requests this server was answering at the same time.</summary>
    public int MaxConcurrentRequests => Volatile.Read(ref _maxInFlight);

    /// <summary>Answers a chat request when nothing is scripted: the JSON text the model "writes".</summary>
    public Func<FakeChatRequest, string> ChatResponder { get; set; } = _ => """{"cards":[]}""";

    public Uri BaseUri => _http.BaseUri;

    /// <summary>The base URL an OpenAI-compatible client needs (…/v1).</summary>
    public Uri V1BaseUri => _http.Url("v1");

    public IReadOnlyList<RecordedRequest> Requests => _http.Requests;

    public IReadOnlyList<FakeChatRequest> ChatRequests =>
        [.. Requests.Where(r => r.PathAndQuery.Contains("/chat/completions", StringComparison.Ordinal)).Select(FakeChatRequest.Parse)];

    public IReadOnlyList<RecordedRequest> EmbeddingRequests =>
        [.. Requests.Where(r => r.PathAndQuery.Contains("/embeddings", StringComparison.Ordinal))];

    public static async Task<FakeOpenAiServer> StartAsync()
    {
        var server = new FakeOpenAiServer();
        server._http = await LoopbackHttpServer.StartAsync(server.HandleAsync);
        return server;
    }

    /// <summary>The next request gets this reply instead of the responder's.</summary>
    public void Enqueue(FakeReply reply) => _script.Enqueue(_ => reply);

    public void Enqueue(Func<FakeChatRequest, FakeReply> reply) => _script.Enqueue(reply);

    public static FakeReply Chat(string content, string finishReason = "stop") => new(200, content, FinishReason: finishReason);

    public static FakeReply Error(int status, string message, string code = "error", IReadOnlyDictionary<string, string>? headers = null) =>
        new(status, JsonSerializer.Serialize(new { error = new { message, type = "invalid_request_error", code } }), headers, Raw: true);

    private async Task HandleAsync(HttpContext context)
    {
        var now = Interlocked.Increment(ref _inFlight);
        int seen;
        while (now > (seen = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, now, seen) != seen)
        {
        }
        try
        {
            if (ResponseDelay > TimeSpan.Zero)
            {
                await Task.Delay(ResponseDelay);
            }
            await AnswerAsync(context);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private async Task AnswerAsync(HttpContext context)
    {
        // Read our own copy of the body (the loopback server rewinds it): with concurrent requests, the last
        // recorded request need not be this one.
        using var reader = new StreamReader(context.Request.Body, leaveOpen: true);
        var recorded = new RecordedRequest(context.Request.Method, context.Request.Path + context.Request.QueryString,
            new Dictionary<string, string>(), await reader.ReadToEndAsync());
        var path = context.Request.Path.Value ?? "";
        if (path.EndsWith("/embeddings", StringComparison.Ordinal))
        {
            await WriteAsync(context, _script.TryDequeue(out var e) ? e(new FakeChatRequest(recorded, [], null)) : Embeddings(recorded.Body));
            return;
        }
        if (!path.EndsWith("/chat/completions", StringComparison.Ordinal))
        {
            await WriteAsync(context, Error(404, $"No route {path}"));
            return;
        }
        var request = FakeChatRequest.Parse(recorded);
        var reply = _script.TryDequeue(out var scripted) ? scripted(request) : Chat(ChatResponder(request));
        await WriteAsync(context, reply.Raw ? reply : ChatCompletion(request, reply));
    }

    private static FakeReply ChatCompletion(FakeChatRequest request, FakeReply reply)
    {
        var promptTokens = request.Messages.Sum(m => LlmTranscriptChunker.CountTokens(m.Content));
        var body = new JsonObject
        {
            ["id"] = "chatcmpl-fake",
            ["object"] = "chat.completion",
            ["created"] = 1_700_000_000,
            ["model"] = request.Model ?? "fake",
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = reply.Body },
                ["finish_reason"] = reply.FinishReason,
            }),
            ["usage"] = new JsonObject
            {
                ["prompt_tokens"] = promptTokens,
                ["completion_tokens"] = LlmTranscriptChunker.CountTokens(reply.Body),
                ["total_tokens"] = promptTokens + LlmTranscriptChunker.CountTokens(reply.Body),
                ["prompt_tokens_details"] = new JsonObject { ["cached_tokens"] = 0 },
            },
        };
        return reply with { Body = body.ToJsonString(), Raw = true };
    }

    /// <summary>Deterministic pseudo-embeddings (from a hash of each text), in the encoding the client asked for.</summary>
    private static FakeReply Embeddings(string requestBody)
    {
        var json = JsonNode.Parse(requestBody)!;
        var inputs = json["input"] is JsonArray array ? array.Select(n => n!.GetValue<string>()).ToList() : [json["input"]!.GetValue<string>()];
        var base64 = json["encoding_format"]?.GetValue<string>() == "base64";
        var data = new JsonArray();
        for (var i = 0; i < inputs.Count; i++)
        {
            var seed = Convert.FromHexString(Hashing.Sha256Hex(inputs[i]));
            var vector = Enumerable.Range(0, 8).Select(k => (float)(seed[k] - 128)).ToArray();
            var bytes = new byte[vector.Length * 4];
            for (var k = 0; k < vector.Length; k++)
            {
                BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(k * 4), vector[k]);
            }
            data.Add(new JsonObject
            {
                ["object"] = "embedding",
                ["index"] = i,
                ["embedding"] = base64 ? Convert.ToBase64String(bytes) : new JsonArray([.. vector.Select(v => (JsonNode)v)]),
            });
        }
        var tokens = inputs.Sum(LlmTranscriptChunker.CountTokens);
        var body = new JsonObject
        {
            ["object"] = "list",
            ["data"] = data,
            ["model"] = "fake-embedding",
            ["usage"] = new JsonObject { ["prompt_tokens"] = tokens, ["total_tokens"] = tokens },
        };
        return new FakeReply(200, body.ToJsonString(), Raw: true);
    }

    private static async Task WriteAsync(HttpContext context, FakeReply reply)
    {
        context.Response.StatusCode = reply.Status;
        context.Response.ContentType = "application/json";
        foreach (var (name, value) in reply.Headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = value;
        }
        await context.Response.WriteAsync(reply.Body);
    }

    public ValueTask DisposeAsync() => _http.DisposeAsync();
}

/// <summary>A reply: a chat message's content (wrapped in a completion) or, when <see cref="Raw"/>, the whole HTTP body.</summary>
public sealed record FakeReply(int Status, string Body, IReadOnlyDictionary<string, string>? Headers = null, bool Raw = false,
    string FinishReason = "stop");

public sealed record FakeMessage(string Role, string Content);

/// <summary>A received chat completion request, parsed.</summary>
public sealed record FakeChatRequest(RecordedRequest Raw, IReadOnlyList<FakeMessage> Messages, JsonNode? Json)
{
    public string? Model => Json?["model"]?.GetValue<string>();

    public string System => string.Join('\n', Messages.Where(m => m.Role is "system" or "developer").Select(m => m.Content));

    public string User => string.Join('\n', Messages.Where(m => m.Role == "user").Select(m => m.Content));

    public static FakeChatRequest Parse(RecordedRequest raw)
    {
        var json = JsonNode.Parse(raw.Body);
        var messages = (json?["messages"] as JsonArray ?? []).Select(m => new FakeMessage(
            m!["role"]!.GetValue<string>(), ContentText(m["content"]))).ToList();
        return new FakeChatRequest(raw, messages, json);
    }

    /// <summary>Content is a string or an array of parts ({"type":"text","text":…}).</summary>
    private static string ContentText(JsonNode? content) => content switch
    {
        JsonValue value => value.GetValue<string>(),
        JsonArray parts => string.Concat(parts.Select(p => p?["text"]?.GetValue<string>() ?? "")),
        _ => "",
    };
}
