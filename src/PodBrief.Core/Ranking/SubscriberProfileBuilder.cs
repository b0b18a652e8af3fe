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
        var batch = await SubscriberBatch.LoadAsync(db, [subscriberId], model, null, cancellationToken);
        var built = await BuildAsync(batch, [subscriberId], model, cancellationToken);
        await SaveAsync(built, model, cancellationToken);
        return built.GetValueOrDefault(subscriberId);
    }

    /// <summary>
    /// Each subscriber's profile in <paramref name="model"/>: stored ones that are current, rebuilt ones otherwise
    /// (saved unless <paramref name="save"/> is false, as in a dry run).
    /// </summary>
    public async Task<IReadOnlyDictionary<long, float[]?>> RefreshAsync(
        IReadOnlyCollection<long> subscriberIds, string model, bool save, CancellationToken cancellationToken) =>
        await RefreshAsync(await SubscriberBatch.LoadAsync(db, subscriberIds, model, null, cancellationToken), model, save, cancellationToken);

    /// <summary>The same, from a batch's inputs already loaded (the dispatcher's path: no second read of votes).</summary>
    internal async Task<Dictionary<long, float[]?>> RefreshAsync(SubscriberBatch batch, string model, bool save, CancellationToken cancellationToken)
    {
        var result = new Dictionary<long, float[]?>();
        var stale = new List<long>();
        foreach (var (id, s) in batch.Stored)
        {
            var feedbackAt = batch.LastFeedbackAt(id);
            var current = s.Embedding is not null && s.Model == model
                && (feedbackAt is null || (s.UpdatedAt is { } updated && feedbackAt <= updated));
            if (current)
            {
                var vector = EmbeddingBytes.ToVector(s.Embedding);
                Vectors.NormalizeInPlace(vector);
                result[id] = vector;
            }
            else
            {
                stale.Add(id);
            }
        }
        if (stale.Count > 0)
        {
            var built = await BuildAsync(batch, stale, model, cancellationToken);
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

    private async Task<Dictionary<long, float[]?>> BuildAsync(SubscriberBatch batch, List<long> ids, string model, CancellationToken cancellationToken)
    {
        // The topics' embeddings once (a few dozen rows), not one copy per subscriber following them.
        var topicVectors = await db.Topics.AsNoTracking().Where(t => t.IsActive && t.Embedding != null && t.EmbeddingModel == model)
            .ToDictionaryAsync(t => t.Id, t => EmbeddingBytes.ToVector(t.Embedding!), cancellationToken);
        var interestVectors = await EmbedInterestsAsync(batch, ids, model, cancellationToken);

        var built = new Dictionary<long, float[]?>();
        foreach (var id in ids)
        {
            var query = batch.Topics[id].Where(t => !t.IsMuted && topicVectors.ContainsKey(t.TopicId)).Select(t => topicVectors[t.TopicId]).ToList();
            if (interestVectors.TryGetValue(id, out var interests))
            {
                query.Add(interests);
            }
            var (liked, disliked) = batch.FeedbackVectors(id);
            built[id] = RocchioProfile.Compose(query, liked, disliked);
        }
        return built;
    }

    private async Task<Dictionary<long, float[]>> EmbedInterestsAsync(SubscriberBatch batch, List<long> ids, string model, CancellationToken cancellationToken)
    {
        var embedder = embedders.LastOrDefault(e => e.ModelName == model);
        if (embedder is null)
        {
            return [];
        }
        var interests = ids.Where(id => batch.Stored.TryGetValue(id, out var s) && !string.IsNullOrEmpty(s.Interests))
            .Select(id => (Id: id, Interests: batch.Stored[id].Interests!)).ToList();
        if (interests.Count == 0)
        {
            return [];
        }
        var vectors = await embedder.EmbedAsync(interests.Select(i => i.Interests).ToList(), cancellationToken);
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

}
