using Microsoft.EntityFrameworkCore;
using PodBrief.Core.Common;
using PodBrief.Core.Data;
using PodBrief.Core.Insights;

namespace PodBrief.Core.Ranking;

/// <summary>
/// Builds and stores each subscriber's Rocchio profile (<see cref="RocchioProfile"/>) from their topics' embeddings,
/// their free-text interests (embedded with <see cref="ITextEmbedder"/> when one of the same model is registered)
/// and their 👍/👎. A stored profile is rebuilt when it is missing, of another model, or older than the
/// subscriber's latest feedback. Whoever changes topics or interests sets ProfileEmbedding to null (or calls
/// <see cref="RebuildAsync"/>) to have it rebuilt.
/// </summary>
public sealed class SubscriberProfileBuilder(PodBriefDbContext db, TimeProvider time, IEnumerable<ITextEmbedder> embedders)
{
    /// <summary>Rebuilds one subscriber's profile now (e.g. after they saved new preferences).</summary>
    public async Task<float[]?> RebuildAsync(long subscriberId, CancellationToken cancellationToken)
    {
        var model = await CurrentModelAsync(cancellationToken);
        if (model is null)
        {
            return null;
        }
        var built = await BuildAsync([subscriberId], model, cancellationToken);
        await SaveAsync(built, model, cancellationToken);
        return built.GetValueOrDefault(subscriberId);
    }

    /// <summary>
    /// Each subscriber's profile in <paramref name="model"/>: stored ones that are current, rebuilt ones otherwise
    /// (saved unless <paramref name="save"/> is false, as in a dry run).
    /// </summary>
    public async Task<IReadOnlyDictionary<long, float[]?>> RefreshAsync(
        IReadOnlyCollection<long> subscriberIds, string model, bool save, CancellationToken cancellationToken)
    {
        var ids = subscriberIds.ToList();
        var stored = await db.Subscribers.AsNoTracking().Where(s => ids.Contains(s.Id))
            .Select(s => new { s.Id, s.ProfileEmbedding, s.ProfileEmbeddingModel, s.ProfileUpdatedAt })
            .ToListAsync(cancellationToken);
        var lastFeedback = await db.Feedback.AsNoTracking()
            .Where(f => f.SubscriberId != null && ids.Contains(f.SubscriberId.Value))
            .GroupBy(f => f.SubscriberId!.Value)
            .Select(g => new { SubscriberId = g.Key, Created = g.Max(f => f.CreatedAt), Undone = g.Max(f => f.UndoneAt) })
            .ToDictionaryAsync(x => x.SubscriberId, cancellationToken);

        var result = new Dictionary<long, float[]?>();
        var stale = new List<long>();
        foreach (var s in stored)
        {
            var feedbackAt = lastFeedback.TryGetValue(s.Id, out var f) ? Max(f.Created, f.Undone) : null;
            var current = s.ProfileEmbedding is not null && s.ProfileEmbeddingModel == model
                && (feedbackAt is null || (s.ProfileUpdatedAt is { } updated && feedbackAt <= updated));
            if (current)
            {
                var vector = EmbeddingBytes.ToVector(s.ProfileEmbedding);
                Vectors.NormalizeInPlace(vector);
                result[s.Id] = vector;
            }
            else
            {
                stale.Add(s.Id);
            }
        }
        if (stale.Count > 0)
        {
            var built = await BuildAsync(stale, model, cancellationToken);
            if (save)
            {
                await SaveAsync(built, model, cancellationToken);
            }
            foreach (var (id, vector) in built)
            {
                result[id] = vector;
            }
        }
        return result;
    }

    private async Task<Dictionary<long, float[]?>> BuildAsync(List<long> ids, string model, CancellationToken cancellationToken)
    {
        var topicVectors = (await db.SubscriberTopics.AsNoTracking()
                .Where(st => ids.Contains(st.SubscriberId) && !st.IsMuted)
                .Join(db.Topics.Where(t => t.IsActive && t.Embedding != null && t.EmbeddingModel == model),
                    st => st.TopicId, t => t.Id, (st, t) => new { st.SubscriberId, t.Embedding })
                .ToListAsync(cancellationToken))
            .ToLookup(x => x.SubscriberId, x => EmbeddingBytes.ToVector(x.Embedding!));
        var interestVectors = await EmbedInterestsAsync(ids, model, cancellationToken);
        var feedback = await FeedbackVectors.LoadAsync(db, ids, model, cancellationToken);

        var built = new Dictionary<long, float[]?>();
        foreach (var id in ids)
        {
            var query = topicVectors[id].ToList();
            if (interestVectors.TryGetValue(id, out var interests))
            {
                query.Add(interests);
            }
            var votes = feedback.GetValueOrDefault(id);
            built[id] = RocchioProfile.Compose(query, votes?.Liked ?? [], votes?.Disliked ?? []);
        }
        return built;
    }

    private async Task<Dictionary<long, float[]>> EmbedInterestsAsync(List<long> ids, string model, CancellationToken cancellationToken)
    {
        var embedder = embedders.LastOrDefault(e => e.ModelName == model);
        if (embedder is null)
        {
            return [];
        }
        var interests = await db.Subscribers.AsNoTracking()
            .Where(s => ids.Contains(s.Id) && s.Interests != null && s.Interests != "")
            .Select(s => new { s.Id, s.Interests }).ToListAsync(cancellationToken);
        if (interests.Count == 0)
        {
            return [];
        }
        var vectors = await embedder.EmbedAsync(interests.Select(i => i.Interests!).ToList(), cancellationToken);
        return interests.Zip(vectors).ToDictionary(p => p.First.Id, p => p.Second);
    }

    /// <summary>Stores the profiles in two statements: one UPDATE … FROM (VALUES …) for the built ones, one for the empty ones.</summary>
    private async Task SaveAsync(Dictionary<long, float[]?> built, string model, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var rows = built.Where(b => b.Value is not null).Select(b => new object[] { b.Key, EmbeddingBytes.ToBytes(b.Value!) }).ToList();
        await RowValuesUpdate.UpdateReturningIdsAsync(db, "Subscribers",
            set: "\"ProfileEmbedding\" = v.column2, \"ProfileEmbeddingModel\" = {c0}, \"ProfileUpdatedAt\" = {c1}",
            where: "t.\"Id\" = v.column1",
            rows, [model, now], cancellationToken);
        var empty = built.Where(b => b.Value is null).Select(b => b.Key).ToList();
        if (empty.Count > 0)
        {
            await db.Subscribers.Where(s => empty.Contains(s.Id)).ExecuteUpdateAsync(s => s
                .SetProperty(x => x.ProfileEmbedding, (byte[]?)null)
                .SetProperty(x => x.ProfileEmbeddingModel, (string?)null)
                .SetProperty(x => x.ProfileUpdatedAt, now), cancellationToken);
        }
    }

    /// <summary>The model of the newest embedded card (what profiles are compared with), else the embedder's.</summary>
    private async Task<string?> CurrentModelAsync(CancellationToken cancellationToken) =>
        await db.InsightCards.AsNoTracking().Where(c => c.EmbeddingModel != null)
            .OrderByDescending(c => c.CreatedAt).Select(c => c.EmbeddingModel).FirstOrDefaultAsync(cancellationToken)
        ?? embedders.LastOrDefault()?.ModelName;

    private static DateTime? Max(DateTime a, DateTime? b) => b is { } v && v > a ? v : a;
}
