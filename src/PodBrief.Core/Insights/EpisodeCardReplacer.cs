using Microsoft.EntityFrameworkCore;
using PodBrief.Core.Data;

namespace PodBrief.Core.Insights;

/// <summary>
/// Puts a new extraction's cards in place of an episode's current ones without breaking links: a card whose quote
/// is extracted again keeps its id (its text, topics and vector are updated), a card that is gone is deleted —
/// unless it was mailed or has feedback, then it is retired (kept, no longer offered).
/// </summary>
public static class EpisodeCardReplacer
{
    /// <summary>Returns the episode's current cards: the kept ones (same ids) and the new ones.</summary>
    public static async Task<List<InsightCard>> ReplaceAsync(
        PodBriefDbContext db, CardClusterer clusterer, long episodeId, IReadOnlyList<InsightCard> fresh, DateTime now,
        CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var existing = await db.InsightCards.Include(c => c.Topics)
            .Where(c => c.EpisodeId == episodeId && c.RetiredAt == null)
            .OrderBy(c => c.Id)
            .ToListAsync(cancellationToken);
        var existingIds = existing.Select(c => c.Id).ToList();
        var referenced = (await db.DigestItems.Where(i => existingIds.Contains(i.InsightCardId)).Select(i => i.InsightCardId)
                .Union(db.Feedback.Where(f => f.InsightCardId != null && existingIds.Contains(f.InsightCardId.Value)).Select(f => f.InsightCardId!.Value))
                .ToListAsync(cancellationToken))
            .ToHashSet();
        var affectedClusters = existing.Where(c => c.ClusterId is not null).Select(c => c.ClusterId!.Value).Distinct().ToList();

        var byQuote = existing.GroupBy(c => Key(c.Quote)).ToDictionary(g => g.Key, g => new Queue<InsightCard>(g));
        var current = new List<InsightCard>();
        foreach (var card in fresh)
        {
            if (byQuote.TryGetValue(Key(card.Quote), out var same) && same.TryDequeue(out var kept))
            {
                CopyContent(card, kept);
                current.Add(kept);
            }
            else
            {
                db.InsightCards.Add(card);
                current.Add(card);
            }
        }
        foreach (var gone in byQuote.Values.SelectMany(q => q))
        {
            if (referenced.Contains(gone.Id))
            {
                gone.RetiredAt = now;
            }
            else
            {
                db.InsightCards.Remove(gone);
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await clusterer.RefreshAsync(db, affectedClusters, cancellationToken);
        return current;
    }

    /// <summary>The same quote, whatever its case and spacing: the card says the same thing from the same place.</summary>
    private static string Key(string quote) => string.Join(' ', quote.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant();

    /// <summary>Everything the extraction decides; id, episode, creation time and cluster stay.</summary>
    private static void CopyContent(InsightCard from, InsightCard to)
    {
        to.Headline = from.Headline;
        to.Body = from.Body;
        to.Quote = from.Quote;
        to.QuoteStartSeconds = from.QuoteStartSeconds;
        to.QuoteEndSeconds = from.QuoteEndSeconds;
        to.Speaker = from.Speaker;
        to.Keywords = from.Keywords;
        to.Importance = from.Importance;
        to.Provenance = from.Provenance;
        to.Confidence = from.Confidence;
        to.Language = from.Language;
        to.Embedding = from.Embedding;
        to.EmbeddingModel = from.EmbeddingModel;
        to.ExtractorName = from.ExtractorName;
        to.PromptVersion = from.PromptVersion;
        // Merged, not cleared and re-added: the (card, topic) key of a removed and a re-added row would clash.
        var wanted = from.Topics.ToDictionary(t => t.TopicId, t => t.Score);
        to.Topics.RemoveAll(t => !wanted.ContainsKey(t.TopicId));
        foreach (var topic in to.Topics)
        {
            topic.Score = wanted[topic.TopicId];
        }
        to.Topics.AddRange(wanted.Where(w => to.Topics.All(t => t.TopicId != w.Key)).Select(w => new InsightCardTopic { TopicId = w.Key, Score = w.Value }));
    }
}
