using System.Numerics.Tensors;

namespace PodBrief.Core.Ranking;

/// <summary>
/// The subscriber's profile vector, Rocchio style: the mean of what they asked for (topics, free-text interests),
/// pulled towards the cards they liked and pushed away from the cards they disliked, then L2-normalized.
/// Weights are <see cref="RankingWeights"/> constants so a ranking can be explained.
/// </summary>
public static class RocchioProfile
{
    /// <summary>Null when there is nothing positive to go on (the subscriber then gets the best cards overall).</summary>
    public static float[]? Compose(IReadOnlyList<float[]> query, IReadOnlyList<float[]> liked, IReadOnlyList<float[]> disliked)
    {
        var dimensions = query.Concat(liked).Select(v => v.Length).FirstOrDefault(l => l > 0);
        if (dimensions == 0)
        {
            return null;
        }
        var profile = new float[dimensions];
        AddMean(profile, query, RankingWeights.ProfileQueryWeight);
        AddMean(profile, liked, RankingWeights.ProfileLikedWeight);
        AddMean(profile, disliked, -RankingWeights.ProfileDislikedWeight);
        if (TensorPrimitives.Norm(profile) < 1e-6f)
        {
            return null;
        }
        Vectors.NormalizeInPlace(profile);
        return profile;
    }

    private static void AddMean(float[] target, IReadOnlyList<float[]> vectors, float weight)
    {
        var usable = vectors.Where(v => v.Length == target.Length).ToList();
        if (usable.Count == 0)
        {
            return;
        }
        var unit = new float[target.Length];
        foreach (var vector in usable)
        {
            // Each vector counts once whatever its length (stored vectors should already be unit length).
            vector.CopyTo(unit, 0);
            Vectors.NormalizeInPlace(unit);
            TensorPrimitives.MultiplyAdd(unit, weight / usable.Count, target, target);
        }
    }
}
