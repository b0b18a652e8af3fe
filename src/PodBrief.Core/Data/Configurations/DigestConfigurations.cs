using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PodBrief.Core.Data.Configurations;

internal sealed class DigestConfiguration : IEntityTypeConfiguration<Digest>
{
    public void Configure(EntityTypeBuilder<Digest> b)
    {
        // "Never mail twice": one digest per subscriber per local date, enforced by the database.
        b.HasIndex(d => new { d.SubscriberId, d.LocalDate }).IsUnique();
        // Only the states something looks up (the retry tick: pending, sending; the admin problems list and the CLI:
        // also failed, unknown). Sent, empty and skipped digests, nearly every row, stay out of it: the index stays
        // the size of the open work, and marking a digest sent adds no entry to it (issue 13). Written as ORs, not
        // IN: SQLite uses a partial index only when a term of the query's WHERE appears among the filter's terms.
        b.HasIndex(d => new { d.State, d.NextAttemptAt })
            .HasFilter("\"State\" = 'Pending' OR \"State\" = 'Sending' OR \"State\" = 'Failed' OR \"State\" = 'Unknown'");
        b.Property(d => d.MessageId).HasMaxLength(256);
        b.HasIndex(d => d.MessageId).IsUnique();
        b.Property(d => d.Subject).HasMaxLength(512);
        b.Property(d => d.LastError).HasMaxLength(2048);
        b.Property(d => d.ClaimedBy).HasMaxLength(128);
        b.HasOne<Subscriber>().WithMany().HasForeignKey(d => d.SubscriberId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(d => d.Items).WithOne().HasForeignKey(i => i.DigestId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DigestItemConfiguration : IEntityTypeConfiguration<DigestItem>
{
    public void Configure(EntityTypeBuilder<DigestItem> b)
    {
        b.HasIndex(i => new { i.DigestId, i.Position }).IsUnique();
        // For the cascade when a card goes. No index on ClusterId: nothing looks items up by cluster (already-sent
        // goes subscriber → digests → items), and every index costs each of the daily run's item inserts (issue 13).
        b.HasIndex(i => i.InsightCardId);
        b.Property(i => i.WhyLine).HasMaxLength(256);
        b.HasOne(i => i.InsightCard).WithMany().HasForeignKey(i => i.InsightCardId).OnDelete(DeleteBehavior.Cascade);
    }
}
