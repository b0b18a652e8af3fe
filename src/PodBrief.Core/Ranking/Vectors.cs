using System.Numerics.Tensors;

namespace PodBrief.Core.Ranking;

internal static class Vectors
{
    /// <summary>Scales to unit length; leaves a zero vector alone (it then scores 0 against everything).</summary>
    public static void NormalizeInPlace(Span<float> vector)
    {
        var norm = TensorPrimitives.Norm(vector);
        if (norm > 1e-12f)
        {
            TensorPrimitives.Divide(vector, norm, vector);
        }
    }
}
