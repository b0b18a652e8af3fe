namespace PodBrief.Core.Insights.Llm;

public enum LlmProvider
{
    /// <summary>No LLM: the offline extractor and local embedder are used.</summary>
    None,
    AzureOpenAI,
    /// <summary>Any server speaking the OpenAI REST API (OpenAI itself, Ollama, vLLM) at <see cref="LlmOptions.BaseUrl"/>.</summary>
    OpenAICompatible,
}

/// <summary>Configuration section <c>Llm</c>: which LLM, how hard to push it, and what it may cost.</summary>
public sealed class LlmOptions
{
    public const string Section = "Llm";

    public LlmProvider Provider { get; set; } = LlmProvider.None;

    /// <summary>Azure OpenAI resource endpoint, e.g. https://my-resource.openai.azure.com/.</summary>
    public string? Endpoint { get; set; }

    /// <summary>API key (Azure or OpenAI-compatible). Not needed with <see cref="UseEntraId"/>.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Azure only: authenticate with Entra ID (DefaultAzureCredential) instead of a key.</summary>
    public bool UseEntraId { get; set; }

    /// <summary>Azure deployment name, or the model name on an OpenAI-compatible server.</summary>
    public string? ChatDeployment { get; set; }

    /// <summary>Embeddings deployment/model; when empty, the local embedder stays in place.</summary>
    public string? EmbeddingDeployment { get; set; }

    /// <summary>Vector size of the embeddings deployment (text-embedding-3-small: 1536).</summary>
    public int EmbeddingDimensions { get; set; } = 1536;

    /// <summary>OpenAI-compatible base URL including the version segment, e.g. http://localhost:11434/v1.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>LLM calls in flight at once in this process, across all jobs.</summary>
    public int MaxConcurrency { get; set; } = 2;

    public int MaxOutputTokens { get; set; } = 2000;

    /// <summary>Low: extraction wants faithful copying, not creativity.</summary>
    public float Temperature { get; set; } = 0.1f;

    /// <summary>Transcript tokens per extraction call. Larger chunks mean fewer repeated prompts (cheaper).</summary>
    public int ChunkTokens { get; set; } = 12000;

    /// <summary>Tokens repeated between neighbouring chunks so an idea on a boundary is not cut in half.</summary>
    public int ChunkOverlapTokens { get; set; } = 200;

    /// <summary>Retries after a 429, 5xx or timeout (so at most MaxRetries + 1 attempts per call).</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>First backoff delay; doubled on every retry (with jitter).</summary>
    public int RetryBaseDelayMilliseconds { get; set; } = 1000;

    /// <summary>A retry-after longer than this defers the episode instead of holding a worker.</summary>
    public int MaxRetryDelaySeconds { get; set; } = 60;

    public int RequestTimeoutSeconds { get; set; } = 120;

    /// <summary>Spend per UTC day after which extraction waits until the next day; 0 = no cap.</summary>
    public decimal DailyBudgetUsd { get; set; } = 5m;

    /// <summary>USD per 1M tokens, keyed by deployment/model name.</summary>
    public Dictionary<string, LlmModelPrice> Prices { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public bool IsEnabled => Provider != LlmProvider.None;

    /// <summary>The name usage, cost and cache keys use for the chat model.</summary>
    public string ChatModelName => ChatDeployment ?? "unknown";

    /// <summary>Why these options cannot work, naming the key; null when they can.</summary>
    public string? Problem()
    {
        if (!IsEnabled)
        {
            return null;
        }
        if (string.IsNullOrWhiteSpace(ChatDeployment))
        {
            return "Llm:ChatDeployment is required when Llm:Provider is set.";
        }
        if (Provider == LlmProvider.AzureOpenAI)
        {
            if (!Uri.TryCreate(Endpoint, UriKind.Absolute, out _))
            {
                return "Llm:Endpoint must be an absolute URL when Llm:Provider is AzureOpenAI.";
            }
            if (!UseEntraId && string.IsNullOrWhiteSpace(ApiKey))
            {
                return "Llm:ApiKey is required for AzureOpenAI unless Llm:UseEntraId is true.";
            }
        }
        if (Provider == LlmProvider.OpenAICompatible && !Uri.TryCreate(BaseUrl, UriKind.Absolute, out _))
        {
            return "Llm:BaseUrl must be an absolute URL when Llm:Provider is OpenAICompatible.";
        }
        return NumbersProblem();
    }

    private string? NumbersProblem() => this switch
    {
        { MaxConcurrency: < 1 } => "Llm:MaxConcurrency must be at least 1.",
        { MaxOutputTokens: < 256 } => "Llm:MaxOutputTokens must be at least 256.",
        { Temperature: < 0 or > 2 } => "Llm:Temperature must be between 0 and 2.",
        { ChunkTokens: < 1000 } => "Llm:ChunkTokens must be at least 1000.",
        _ when ChunkOverlapTokens < 0 || ChunkOverlapTokens * 4 > ChunkTokens =>
            "Llm:ChunkOverlapTokens must be between 0 and a quarter of Llm:ChunkTokens.",
        { MaxRetries: < 0 or > 10 } => "Llm:MaxRetries must be between 0 and 10.",
        { RetryBaseDelayMilliseconds: < 0 } => "Llm:RetryBaseDelayMilliseconds must not be negative.",
        { RequestTimeoutSeconds: < 1 } => "Llm:RequestTimeoutSeconds must be at least 1.",
        { DailyBudgetUsd: < 0 } => "Llm:DailyBudgetUsd must not be negative (0 means no cap).",
        { EmbeddingDimensions: < 1 } => "Llm:EmbeddingDimensions must be at least 1.",
        _ => null,
    };
}

/// <summary>USD per 1 million tokens.</summary>
public sealed class LlmModelPrice
{
    public decimal Input { get; set; }
    public decimal Output { get; set; }
    /// <summary>Cached input tokens (prompt caching); when 0, cached tokens are billed as input.</summary>
    public decimal CachedInput { get; set; }

    public decimal Cost(long inputTokens, long outputTokens, long cachedInputTokens)
    {
        var cachedPrice = CachedInput > 0 ? CachedInput : Input;
        var uncached = Math.Max(0, inputTokens - cachedInputTokens);
        return ((uncached * Input) + (cachedInputTokens * cachedPrice) + (outputTokens * Output)) / 1_000_000m;
    }
}
