using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PodBrief.Core.Data;

namespace PodBrief.Core.Insights;

/// <summary>
/// Inserts the default topics that are missing (by slug) and embeds topics that need it. Existing rows are
/// never changed, so an operator's edits (name, description, deactivation) survive restarts.
/// </summary>
public sealed class TopicSeeder(TopicEmbeddings embeddings, IOptions<InsightsOptions> options, ILogger<TopicSeeder> logger) : IDatabaseSeeder
{
    public int Order => 10;

    public async Task SeedAsync(PodBriefDbContext db, CancellationToken cancellationToken)
    {
        if (!options.Value.SeedDefaultTopics)
        {
            return;
        }
        var existing = (await db.Topics.Select(t => t.Slug).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var order = 0;
        foreach (var topic in DefaultTopics.All)
        {
            order++;
            if (!existing.Contains(topic.Slug))
            {
                db.Topics.Add(new Topic { Slug = topic.Slug, Name = topic.Name, Description = topic.Description, SortOrder = order });
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        if (!options.Value.EmbedTopicsAtStartup)
        {
            return;
        }
        try
        {
            await embeddings.EnsureAsync(db, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // An unreachable embeddings endpoint must not stop the app; the extraction job embeds topics again.
            logger.LogWarning(ex, "Topic embeddings could not be computed at startup; extraction will retry");
        }
    }
}
