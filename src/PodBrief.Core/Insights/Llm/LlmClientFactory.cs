using System.ClientModel;
using System.ClientModel.Primitives;
using Azure.AI.OpenAI;
using Azure.Identity;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using OpenAI;

namespace PodBrief.Core.Insights.Llm;

/// <summary>
/// Builds the Microsoft.Extensions.AI clients over the Azure OpenAI or OpenAI SDK. The SDK's own retry policy
/// is switched off: <see cref="LlmCallRunner"/> is the only one retrying, so retries are counted, bounded and
/// recorded in one place (with the SDK's policy on too, one 429 could turn into 4 × 4 requests).
/// </summary>
public sealed class LlmClientFactory(IOptions<LlmOptions> options)
{
    private readonly Lazy<(Func<string, IChatClient> Chat, Func<string, IEmbeddingGenerator<string, Embedding<float>>> Embed)> _clients =
        new(() => Create(options.Value));

    public IChatClient CreateChatClient() => _clients.Value.Chat(options.Value.ChatDeployment!);

    public IEmbeddingGenerator<string, Embedding<float>> CreateEmbeddingGenerator() =>
        _clients.Value.Embed(options.Value.EmbeddingDeployment!);

    private static (Func<string, IChatClient>, Func<string, IEmbeddingGenerator<string, Embedding<float>>>) Create(LlmOptions o)
    {
        var timeout = TimeSpan.FromSeconds(o.RequestTimeoutSeconds);
        var noRetries = new ClientRetryPolicy(maxRetries: 0);
        switch (o.Provider)
        {
            case LlmProvider.AzureOpenAI:
                var azureOptions = new AzureOpenAIClientOptions { RetryPolicy = noRetries, NetworkTimeout = timeout };
                var endpoint = new Uri(o.Endpoint!);
                var azure = o.UseEntraId
                    ? new AzureOpenAIClient(endpoint, new DefaultAzureCredential(), azureOptions)
                    : new AzureOpenAIClient(endpoint, new ApiKeyCredential(o.ApiKey!), azureOptions);
                return (d => azure.GetChatClient(d).AsIChatClient(), d => azure.GetEmbeddingClient(d).AsIEmbeddingGenerator());
            case LlmProvider.OpenAICompatible:
                var openAiOptions = new OpenAIClientOptions
                {
                    Endpoint = new Uri(o.BaseUrl!),
                    RetryPolicy = noRetries,
                    NetworkTimeout = timeout,
                };
                // Local servers (Ollama, vLLM) ignore the key, but the SDK insists on one.
                var openAi = new OpenAIClient(new ApiKeyCredential(string.IsNullOrEmpty(o.ApiKey) ? "unused" : o.ApiKey), openAiOptions);
                return (d => openAi.GetChatClient(d).AsIChatClient(), d => openAi.GetEmbeddingClient(d).AsIEmbeddingGenerator());
            default:
                throw new InvalidOperationException("Llm:Provider is None; no LLM client can be created.");
        }
    }
}
