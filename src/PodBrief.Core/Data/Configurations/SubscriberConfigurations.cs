using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PodBrief.Core.Data.Configurations;

internal sealed class SubscriberConfiguration : IEntityTypeConfiguration<Subscriber>
{
    public void Configure(EntityTypeBuilder<Subscriber> b)
    {
        b.Property(s => s.Email).HasMaxLength(320);
        b.Property(s => s.EmailNormalized).HasMaxLength(320);
        b.HasIndex(s => s.EmailNormalized).IsUnique();
        b.HasIndex(s => new { s.Status, s.NextSendAt });
        b.Property(s => s.TimeZoneId).HasMaxLength(64);
        b.Property(s => s.Interests).HasMaxLength(1000);
        b.Property(s => s.ProfileEmbeddingModel).HasMaxLength(128);
        b.Property(s => s.ConsentFormVersion).HasMaxLength(32);
        b.Property(s => s.ConsentIpHash).HasMaxLength(64);
        b.HasMany(s => s.Topics).WithOne().HasForeignKey(t => t.SubscriberId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(s => s.Podcasts).WithOne().HasForeignKey(p => p.SubscriberId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SubscriberTopicConfiguration : IEntityTypeConfiguration<SubscriberTopic>
{
    public void Configure(EntityTypeBuilder<SubscriberTopic> b)
    {
        b.HasKey(t => new { t.SubscriberId, t.TopicId });
        b.HasOne<Topic>().WithMany().HasForeignKey(t => t.TopicId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SubscriberPodcastConfiguration : IEntityTypeConfiguration<SubscriberPodcast>
{
    public void Configure(EntityTypeBuilder<SubscriberPodcast> b)
    {
        b.HasKey(p => new { p.SubscriberId, p.PodcastId });
        b.HasOne<Podcast>().WithMany().HasForeignKey(p => p.PodcastId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SubscriberTokenConfiguration : IEntityTypeConfiguration<SubscriberToken>
{
    public void Configure(EntityTypeBuilder<SubscriberToken> b)
    {
        b.Property(t => t.TokenHash).HasMaxLength(64);
        b.HasIndex(t => t.TokenHash).IsUnique();
        b.HasIndex(t => new { t.SubscriberId, t.Purpose });
        b.HasOne<Subscriber>().WithMany().HasForeignKey(t => t.SubscriberId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class FeedbackConfiguration : IEntityTypeConfiguration<Feedback>
{
    public void Configure(EntityTypeBuilder<Feedback> b)
    {
        b.ToTable("Feedback");
        b.HasIndex(f => new { f.SubscriberId, f.CreatedAt });
        // One vote per digest item (digest + card) and kind; rows of deleted accounts (null subscriber) never clash.
        b.HasIndex(f => new { f.SubscriberId, f.DigestId, f.InsightCardId, f.Kind }).IsUnique();
        // Feedback outlives the account as an anonymous aggregate.
        b.HasOne<Subscriber>().WithMany().HasForeignKey(f => f.SubscriberId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<InsightCard>().WithMany().HasForeignKey(f => f.InsightCardId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class AggregateCounterConfiguration : IEntityTypeConfiguration<AggregateCounter>
{
    public void Configure(EntityTypeBuilder<AggregateCounter> b)
    {
        b.HasKey(c => c.Name);
        b.Property(c => c.Name).HasMaxLength(64);
    }
}
