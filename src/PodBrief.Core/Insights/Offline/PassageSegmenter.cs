using System.Numerics.Tensors;

namespace PodBrief.Core.Insights.Offline;

/// <summary>
/// Cuts an episode's candidate sentences into topical passages, TextTiling-style (Hearst 1997) on embeddings: at
/// every gap the mean vector of the few sentences before is compared with the mean of the few after, and the
/// gaps where that similarity dips deepest become passage boundaries. A card is one passage's idea, so two cards
/// never come from one passage and the picks spread over the episode's topics.
/// </summary>
internal static class PassageSegmenter
{
    private const int Window = 3;

    /// <summary>Passage number of each sentence (0, 0, 0, 1, 1, …), in order.</summary>
    public static int[] Segment(IReadOnlyList<float[]> vectors, int targetPassages)
    {
        var count = vectors.Count;
        var passage = new int[count];
        if (count < 2 * Window || targetPassages <= 1)
        {
            return passage;
        }
        var minLength = Math.Max(2, count / (targetPassages * 2));
        var similarity = new double[count];
        for (var gap = 1; gap < count; gap++)
        {
            similarity[gap] = TensorPrimitives.CosineSimilarity(WindowGist(vectors, gap - Window, gap), WindowGist(vectors, gap, gap + Window));
        }
        // Depth of each gap: how far it dips below the highest similarity on either side (Hearst's depth score).
        var depth = new List<(int Gap, double Depth)>();
        for (var gap = 1; gap < count; gap++)
        {
            var left = similarity[gap];
            for (var i = gap - 1; i >= 1 && similarity[i] >= left; i--)
            {
                left = similarity[i];
            }
            var right = similarity[gap];
            for (var i = gap + 1; i < count && similarity[i] >= right; i++)
            {
                right = similarity[i];
            }
            depth.Add((gap, left - similarity[gap] + (right - similarity[gap])));
        }
        var boundaries = new List<int>();
        foreach (var (gap, _) in depth.OrderByDescending(d => d.Depth).ThenBy(d => d.Gap))
        {
            if (boundaries.Count >= targetPassages - 1)
            {
                break;
            }
            if (gap < minLength || count - gap < minLength || boundaries.Any(b => Math.Abs(b - gap) < minLength))
            {
                continue;
            }
            boundaries.Add(gap);
        }
        boundaries.Sort();
        var current = 0;
        for (var i = 0; i < count; i++)
        {
            while (current < boundaries.Count && i >= boundaries[current])
            {
                current++;
            }
            passage[i] = current;
        }
        return passage;
    }

    // The gist of the sentences in [from, to), clipped to the episode (PassageSelector.Gist: one mean for both).
    private static float[] WindowGist(IReadOnlyList<float[]> vectors, int from, int to)
    {
        from = Math.Max(0, from);
        to = Math.Min(vectors.Count, to);
        return PassageSelector.Gist(vectors, Enumerable.Range(from, to - from));
    }
}
