using System.Numerics.Tensors;

namespace PodBrief.Core.Insights.Offline;

/// <summary>
/// Chooses which passages become cards and which sentence carries each one, passage first, the way an editor
/// reads: the passages that say the most (their best sentences are informative and state what the passage is
/// about) come first, a passage much like one already taken is held back, and inside a passage the sentence
/// that is both informative and central to the passage is tried first, then its runners-up.
/// </summary>
internal static class PassageSelector
{
    // How much a sentence's standing is its own information, its closeness to its passage's gist, and to the episode's.
    private const double InformationWeight = 0.5;
    private const double LocalWeight = 0.3;
    private const double GlobalWeight = 0.2;

    // A passage like one already picked is worth this much less per unit of cosine between their gists.
    private const double RedundancyWeight = 0.35;

    // Sentences tried per passage before it is given up.
    private const int TriesPerPassage = 3;

    /// <summary>Candidate indexes in the order they should be tried: the best passage's best sentences first.</summary>
    public static List<int> Order(IReadOnlyList<float[]> vectors, IReadOnlyList<double> information, float[] centroid, int[] passages, int cards)
    {
        var members = Enumerable.Range(0, vectors.Count).GroupBy(i => passages[i]).ToDictionary(g => g.Key, g => g.ToList());
        var gists = members.ToDictionary(m => m.Key, m => Gist(vectors, m.Value));
        var standing = new double[vectors.Count];
        for (var i = 0; i < vectors.Count; i++)
        {
            standing[i] = (InformationWeight * information[i]) + (LocalWeight * TensorPrimitives.Dot(vectors[i], gists[passages[i]]))
                + (GlobalWeight * TensorPrimitives.Dot(vectors[i], centroid));
        }
        var ranked = members.ToDictionary(m => m.Key, m => m.Value.OrderByDescending(i => standing[i]).ToList());
        // A passage is as good as its two best sentences: one good line in a run of chatter is weaker than a real discussion.
        var worth = ranked.ToDictionary(r => r.Key, r => (0.6 * standing[r.Value[0]]) + (0.4 * (r.Value.Count > 1 ? standing[r.Value[1]] : 0)));

        var order = new List<int>();
        var taken = new List<int>();
        var left = worth.Keys.ToHashSet();
        while (left.Count > 0 && taken.Count < cards * 3)
        {
            var best = left.MaxBy(p => worth[p] - (RedundancyWeight * (taken.Count == 0 ? 0 : taken.Max(t => TensorPrimitives.Dot(gists[p], gists[t])))));
            taken.Add(best);
            left.Remove(best);
            order.AddRange(ranked[best].Take(TriesPerPassage));
        }
        return order;
    }

    /// <summary>The unit-length mean of some vectors: the direction they share (an episode's or a passage's gist).</summary>
    public static float[] Gist(IReadOnlyList<float[]> vectors, IEnumerable<int> indexes)
    {
        var mean = new float[vectors[0].Length];
        foreach (var i in indexes)
        {
            TensorPrimitives.Add(mean, vectors[i], mean);
        }
        var norm = TensorPrimitives.Norm(mean);
        if (norm > 0)
        {
            TensorPrimitives.Divide(mean, norm, mean);
        }
        return mean;
    }
}
