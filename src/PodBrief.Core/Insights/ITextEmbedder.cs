namespace PodBrief.Core.Insights;

/// <summary>
/// Sentence embeddings: the local MiniLM model by default, an Azure OpenAI / OpenAI-compatible deployment when
/// configured. Vectors are L2-normalized; <see cref="ModelName"/> is stored with every vector so the two never mix.
/// </summary>
public interface ITextEmbedder
{
    string ModelName { get; }

    int Dimensions { get; }

    Task<IReadOnlyList<float[]>> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken);
}

/// <summary>Packs float vectors into the byte[] columns (little-endian float32) and back.</summary>
public static class EmbeddingBytes
{
    public static byte[] ToBytes(ReadOnlySpan<float> vector)
    {
        var bytes = new byte[vector.Length * sizeof(float)];
        System.Runtime.InteropServices.MemoryMarshal.AsBytes(vector).CopyTo(bytes);
        return bytes;
    }

    public static float[] ToVector(ReadOnlySpan<byte> bytes) =>
        System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(bytes).ToArray();
}
