using Microsoft.EntityFrameworkCore;
using PodBrief.Core.Data;

namespace PodBrief.Core.Insights;

/// <summary>
/// Keeps every topic's vector in the current embedder's space: topics without a vector, or with one from
/// another model (the operator switched to or from the LLM embeddings), are embedded again.
/// </summary>
public sealed class TopicEmbeddings(ITextEmbedder embedder)
{
    public static string TextOf(Topic topic) => $"{topic.Name}: {topic.Description}";

    public async Task<int> EnsureAsync(PodBriefDbContext db, CancellationToken cancellationToken)
    {
        var stale = await db.Topics
            .Where(t => t.Embedding == null || t.EmbeddingModel != embedder.ModelName)
            .OrderBy(t => t.Id)
            .ToListAsync(cancellationToken);
        if (stale.Count == 0)
        {
            return 0;
        }
        var vectors = await embedder.EmbedAsync(stale.Select(TextOf).ToList(), cancellationToken);
        for (var i = 0; i < stale.Count; i++)
        {
            stale[i].Embedding = EmbeddingBytes.ToBytes(vectors[i]);
            stale[i].EmbeddingModel = embedder.ModelName;
        }
        await db.SaveChangesAsync(cancellationToken);
        return stale.Count;
    }
}
