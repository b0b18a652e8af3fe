using System.Numerics.Tensors;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace PodBrief.Core.Insights.Llm;

/// <summary>
/// Embeddings from an Azure OpenAI (or OpenAI-compatible) deployment, L2-normalized so cosine is a dot product
/// like the local model's. The model name stored with each vector is the deployment/model name.
/// </summary>
public sealed class AzureTextEmbedder(LlmClientFactory clients, LlmCallRunner runner, IOptions<LlmOptions> options) : ITextEmbedder
{
    /// <summary>Inputs per request: well under the API's 2048 limit, small enough to keep one failure cheap.</summary>
    private const int BatchSize = 64;

    private readonly Lazy<IEmbeddingGenerator<string, Embedding<float>>> _generator = new(clients.CreateEmbeddingGenerator);
    private int _dimensions = options.Value.EmbeddingDimensions;

    public string ModelName => options.Value.EmbeddingDeployment!;

    public int Dimensions => _dimensions;

    public async Task<IReadOnlyList<float[]>> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        var vectors = new List<float[]>(texts.Count);
        foreach (var batch in texts.Chunk(BatchSize))
        {
            var embeddings = await runner.RunAsync(new LlmCall(ModelName, "embedding", null), async ct =>
            {
                var generated = await _generator.Value.GenerateAsync(batch, cancellationToken: ct);
                return (generated, generated.Usage);
            }, cancellationToken);
            if (embeddings.Count != batch.Length)
            {
                throw new InvalidOperationException($"Embeddings endpoint returned {embeddings.Count} vectors for {batch.Length} texts.");
            }
            vectors.AddRange(embeddings.Select(e => Normalize(e.Vector.ToArray())));
        }
        if (vectors.Count > 0)
        {
            _dimensions = vectors[0].Length;
        }
        return vectors;
    }

    internal static float[] Normalize(float[] vector)
    {
        var norm = TensorPrimitives.Norm(vector);
        if (norm > 0)
        {
            TensorPrimitives.Divide(vector, norm, vector);
        }
        return vector;
    }
}
