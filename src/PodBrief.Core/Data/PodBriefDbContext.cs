using Microsoft.EntityFrameworkCore;

namespace PodBrief.Core.Data;

/// <summary>The one DbContext for both providers; each provider has its own migrations assembly.</summary>
public class PodBriefDbContext(DbContextOptions<PodBriefDbContext> options) : DbContext(options)
{
    public DbSet<Podcast> Podcasts => Set<Podcast>();
    public DbSet<Episode> Episodes => Set<Episode>();
    public DbSet<TranscriptLink> TranscriptLinks => Set<TranscriptLink>();
    public DbSet<Transcript> Transcripts => Set<Transcript>();
    public DbSet<EpisodeChapter> EpisodeChapters => Set<EpisodeChapter>();
    public DbSet<Topic> Topics => Set<Topic>();
    public DbSet<InsightCard> InsightCards => Set<InsightCard>();
    public DbSet<InsightCardTopic> InsightCardTopics => Set<InsightCardTopic>();
    public DbSet<InsightCluster> InsightClusters => Set<InsightCluster>();
    public DbSet<ExtractionCacheEntry> ExtractionCache => Set<ExtractionCacheEntry>();
    public DbSet<LlmUsage> LlmUsage => Set<LlmUsage>();
    public DbSet<Subscriber> Subscribers => Set<Subscriber>();
    public DbSet<SubscriberTopic> SubscriberTopics => Set<SubscriberTopic>();
    public DbSet<SubscriberPodcast> SubscriberPodcasts => Set<SubscriberPodcast>();
    public DbSet<SubscriberToken> SubscriberTokens => Set<SubscriberToken>();
    public DbSet<Feedback> Feedback => Set<Feedback>();
    public DbSet<AggregateCounter> AggregateCounters => Set<AggregateCounter>();
    public DbSet<Digest> Digests => Set<Digest>();
    public DbSet<DigestItem> DigestItems => Set<DigestItem>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(PodBriefDbContext).Assembly);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every DateTime is UTC. SQLite drops the Kind on the way back; this restores it, and Npgsql
        // requires Kind=Utc for timestamptz.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
        // Enums as readable strings: the admin pages and ad-hoc SQL read better, and reordering is safe.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
        // No surprise nvarchar(max) vs text differences between providers.
        configurationBuilder.Properties<decimal>().HavePrecision(18, 6);
    }
}
