using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PodBrief.Core.Feeds;
using PodBrief.Core.Transcripts.Chapters;

namespace PodBrief.Core.Data.Configurations;

internal sealed class EpisodeChapterConfiguration : IEntityTypeConfiguration<EpisodeChapter>
{
    public void Configure(EntityTypeBuilder<EpisodeChapter> b)
    {
        b.HasIndex(c => new { c.EpisodeId, c.Position }).IsUnique();
        b.Property(c => c.Title).HasMaxLength(ChaptersJson.MaxTitleLength);
        b.Property(c => c.Url).HasMaxLength(ChaptersJson.MaxUrlLength);
        b.Property(c => c.ImageUrl).HasMaxLength(ChaptersJson.MaxUrlLength);
        b.HasOne<Episode>().WithMany(e => e.Chapters).HasForeignKey(c => c.EpisodeId).OnDelete(DeleteBehavior.Cascade);
    }
}
