using Microsoft.EntityFrameworkCore;
using PodBrief.Core.Data;

namespace PodBrief.Core.Ranking;

/// <summary>The embeddings of the cards each subscriber recently 👍'd and 👎'd (not undone), in one query per batch.</summary>
internal sealed record FeedbackVectors(IReadOnlyList<float[]> Liked, IReadOnlyList<float[]> Disliked)
{
    public static async Task<Dictionary<long, FeedbackVectors>> LoadAsync(
        PodBriefDbContext db, IReadOnlyCollection<long> subscriberIds, string model, CancellationToken cancellationToken)
    {
        var ids = subscriberIds.ToList();
        var rows = await db.Feedback.AsNoTracking()
            .Where(f => f.SubscriberId != null && ids.Contains(f.SubscriberId.Value) && f.UndoneAt == null
                && (f.Kind == FeedbackKind.Up || f.Kind == FeedbackKind.Down) && f.InsightCardId != null)
            .Join(db.InsightCards.Where(c => c.Embedding != null && c.EmbeddingModel == model),
                f => f.InsightCardId, c => c.Id,
                (f, c) => new { SubscriberId = f.SubscriberId!.Value, f.Kind, f.CreatedAt, f.Id, c.Embedding })
            .ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.SubscriberId).ToDictionary(g => g.Key, g =>
        {
            // The latest vote on a card wins and only the most recent votes count, so tastes can change.
            var recent = g.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id)
                .Take(RankingWeights.ProfileFeedbackWindow).ToList();
            return new FeedbackVectors(
                recent.Where(r => r.Kind == FeedbackKind.Up).Select(r => Unit(r.Embedding!)).ToList(),
                recent.Where(r => r.Kind == FeedbackKind.Down).Select(r => Unit(r.Embedding!)).ToList());
        });
    }

    private static float[] Unit(byte[] bytes)
    {
        var vector = Insights.EmbeddingBytes.ToVector(bytes);
        Vectors.NormalizeInPlace(vector);
        return vector;
    }
}
