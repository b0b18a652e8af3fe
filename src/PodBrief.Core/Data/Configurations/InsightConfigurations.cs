using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PodBrief.Core.Data.Configurations;

internal sealed class InsightCardConfiguration : IEntityTypeConfiguration<InsightCard>
{
    public void Configure(EntityTypeBuilder<InsightCard> b)
    {
        b.Property(c => c.Headline).HasMaxLength(200);
        b.Property(c => c.Body).HasMaxLength(1000);
        b.Property(c => c.Quote).HasMaxLength(2000);
        b.Property(c => c.Speaker).HasMaxLength(256);
        b.Property(c => c.Keywords).HasMaxLength(512);
        b.Property(c => c.Language).HasMaxLength(32);
        b.Property(c => c.EmbeddingModel).HasMaxLength(128);
        b.Property(c => c.ExtractorName).HasMaxLength(64);
        b.Property(c => c.PromptVersion).HasMaxLength(64);
        b.HasIndex(c => c.CreatedAt);
        b.HasIndex(c => c.PodcastId);
        b.HasIndex(c => c.ClusterId);
        b.HasOne(c => c.Cluster).WithMany().HasForeignKey(c => c.ClusterId).OnDelete(DeleteBehavior.SetNull);
        b.HasMany(c => c.Topics).WithOne().HasForeignKey(t => t.InsightCardId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class InsightCardTopicConfiguration : IEntityTypeConfiguration<InsightCardTopic>
{
    public void Configure(EntityTypeBuilder<InsightCardTopic> b)
    {
        b.HasKey(t => new { t.InsightCardId, t.TopicId });
        b.HasOne(t => t.Topic).WithMany().HasForeignKey(t => t.TopicId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class InsightClusterConfiguration : IEntityTypeConfiguration<InsightCluster>
{
    public void Configure(EntityTypeBuilder<InsightCluster> b) => b.HasIndex(c => c.CanonicalCardId);
}

internal sealed class TopicConfiguration : IEntityTypeConfiguration<Topic>
{
    public void Configure(EntityTypeBuilder<Topic> b)
    {
        b.Property(t => t.Slug).HasMaxLength(64);
        b.HasIndex(t => t.Slug).IsUnique();
        b.Property(t => t.Name).HasMaxLength(128);
        b.Property(t => t.Description).HasMaxLength(512);
        b.Property(t => t.EmbeddingModel).HasMaxLength(128);
    }
}

internal sealed class ExtractionCacheEntryConfiguration : IEntityTypeConfiguration<ExtractionCacheEntry>
{
    public void Configure(EntityTypeBuilder<ExtractionCacheEntry> b)
    {
        b.Property(e => e.CacheKey).HasMaxLength(256);
        b.HasIndex(e => e.CacheKey).IsUnique();
    }
}

internal sealed class LlmUsageConfiguration : IEntityTypeConfiguration<LlmUsage>
{
    public void Configure(EntityTypeBuilder<LlmUsage> b)
    {
        b.ToTable("LlmUsage");
        b.Property(u => u.Model).HasMaxLength(128);
        b.Property(u => u.Operation).HasMaxLength(32);
        b.Property(u => u.Error).HasMaxLength(2048);
        // One cheap call costs about $0.0001: the default 6 decimals would round it by a percent or more.
        b.Property(u => u.EstimatedCostUsd).HasPrecision(18, 10);
        b.HasIndex(u => u.OccurredAt);
    }
}
