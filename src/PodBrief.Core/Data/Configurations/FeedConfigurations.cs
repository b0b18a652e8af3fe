using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PodBrief.Core.Data.Configurations;

internal sealed class PodcastConfiguration : IEntityTypeConfiguration<Podcast>
{
    public void Configure(EntityTypeBuilder<Podcast> b)
    {
        b.Property(p => p.FeedUrl).HasMaxLength(2048);
        b.HasIndex(p => p.FeedUrl).IsUnique();
        b.HasIndex(p => new { p.Status, p.NextCheckAt });
        b.Property(p => p.Title).HasMaxLength(1024);
        b.Property(p => p.SiteUrl).HasMaxLength(2048);
        b.Property(p => p.ImageUrl).HasMaxLength(2048);
        b.Property(p => p.FundingUrl).HasMaxLength(2048);
        b.Property(p => p.Language).HasMaxLength(32);
        b.Property(p => p.ETag).HasMaxLength(512);
        b.Property(p => p.LastModifiedHeader).HasMaxLength(128);
        b.Property(p => p.ContentHash).HasMaxLength(64);
        b.Property(p => p.LastError).HasMaxLength(2048);
        b.HasMany(p => p.Episodes).WithOne(e => e.Podcast).HasForeignKey(e => e.PodcastId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class EpisodeConfiguration : IEntityTypeConfiguration<Episode>
{
    public void Configure(EntityTypeBuilder<Episode> b)
    {
        b.Property(e => e.IdentityKey).HasMaxLength(2048);
        b.HasIndex(e => new { e.PodcastId, e.IdentityKey }).IsUnique();
        b.HasIndex(e => new { e.PodcastId, e.EnclosureUrl });
        b.HasIndex(e => new { e.TranscriptStatus, e.TranscriptNextAttemptAt });
        b.HasIndex(e => new { e.ExtractionStatus, e.ExtractionNextAttemptAt });
        b.HasIndex(e => e.PublishedAt);
        b.Property(e => e.Guid).HasMaxLength(2048);
        b.Property(e => e.Title).HasMaxLength(1024);
        b.Property(e => e.EnclosureUrl).HasMaxLength(2048);
        b.Property(e => e.EnclosureType).HasMaxLength(128);
        b.Property(e => e.Link).HasMaxLength(2048);
        b.Property(e => e.ImageUrl).HasMaxLength(2048);
        b.Property(e => e.ChaptersUrl).HasMaxLength(2048);
        b.Property(e => e.ChaptersType).HasMaxLength(128);
        b.Property(e => e.ChaptersLastError).HasMaxLength(2048);
        b.Property(e => e.FundingUrl).HasMaxLength(2048);
        b.Property(e => e.Language).HasMaxLength(32);
        b.Property(e => e.TranscriptLastError).HasMaxLength(2048);
        b.Property(e => e.ExtractionLastError).HasMaxLength(2048);
        b.Property(e => e.ExtractionDropReasons).HasMaxLength(1024);
        b.HasMany(e => e.TranscriptLinks).WithOne().HasForeignKey(l => l.EpisodeId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(e => e.Transcript).WithOne().HasForeignKey<Transcript>(t => t.EpisodeId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(e => e.Cards).WithOne(c => c.Episode).HasForeignKey(c => c.EpisodeId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TranscriptLinkConfiguration : IEntityTypeConfiguration<TranscriptLink>
{
    public void Configure(EntityTypeBuilder<TranscriptLink> b)
    {
        b.Property(l => l.Url).HasMaxLength(2048);
        b.Property(l => l.MediaType).HasMaxLength(128);
        b.Property(l => l.Language).HasMaxLength(32);
        b.Property(l => l.Rel).HasMaxLength(64);
    }
}

internal sealed class TranscriptConfiguration : IEntityTypeConfiguration<Transcript>
{
    public void Configure(EntityTypeBuilder<Transcript> b)
    {
        b.HasIndex(t => t.EpisodeId).IsUnique();
        b.HasIndex(t => t.ContentHash);
        b.Property(t => t.ContentHash).HasMaxLength(64);
        b.Property(t => t.SourceUrl).HasMaxLength(2048);
        b.Property(t => t.SourceMediaType).HasMaxLength(128);
        b.Property(t => t.Language).HasMaxLength(32);
    }
}
