namespace PodBrief.Core.Insights;

/// <summary>Configuration section "Insights": how many cards, which episodes, how cards are tagged and deduplicated.</summary>
public sealed class InsightsOptions
{
    public const string Section = "Insights";

    /// <summary>At most this many cards per episode.</summary>
    public int MaxCardsPerEpisode { get; set; } = 10;

    /// <summary>Only episodes published within this many days are extracted (unless forced).</summary>
    public int MaxEpisodeAgeDays { get; set; } = 7;

    /// <summary>Cosine similarity at or above which two cards of different episodes join one cluster.</summary>
    public double DedupeThreshold { get; set; } = CardClusterer.DefaultThreshold;

    /// <summary>Cards of the last this many days are compared for dedupe.</summary>
    public int DedupeWindowDays { get; set; } = 14;

    /// <summary>Extraction attempts before an episode is marked Failed.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Insert the default topic list on startup when topics are missing (the operator may turn it off).</summary>
    public bool SeedDefaultTopics { get; set; } = true;

    /// <summary>Embed topics while seeding at startup (the extraction job embeds missing ones anyway).</summary>
    public bool EmbedTopicsAtStartup { get; set; } = true;

    /// <summary>Cron (UTC) of the tick that enqueues due extractions.</summary>
    public string TickCron { get; set; } = "*/5 * * * *";
}
