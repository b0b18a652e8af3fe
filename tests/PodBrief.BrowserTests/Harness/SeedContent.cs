using Microsoft.EntityFrameworkCore;
using PodBrief.Core.Data;

namespace PodBrief.BrowserTests.Harness;

/// <summary>What <see cref="SeedContent.InsertAsync"/> put in the database, for the tests to look for on the pages.</summary>
public sealed record SeededContent(IReadOnlyList<Topic> Topics, Podcast Podcast, Episode Episode, IReadOnlyList<InsightCard> Cards);

/// <summary>
/// Content the subscriber pages show, inserted straight into the test database (no feed polling or extraction:
/// those have their own tests). Topics already present (e.g. from a seeding migration) are reused by slug.
/// </summary>
public static class SeedContent
{
    private static readonly (string Slug, string Name, string Description)[] TopicRows =
    [
        ("ai", "AI & machine learning", "Models, training, inference, AI policy and the AI industry."),
        ("science", "Science", "Research findings across physics, biology, medicine and the climate."),
        ("business", "Business & startups", "Companies, markets, strategy, founders and investing."),
        ("health", "Health", "Sleep, nutrition, fitness and mental health."),
    ];

    public static async Task<SeededContent> InsertAsync(PodBriefDbContext db, CancellationToken cancellationToken)
    {
        var now = DateTime.UtcNow;
        var topics = new List<Topic>();
        for (var i = 0; i < TopicRows.Length; i++)
        {
            var (slug, name, description) = TopicRows[i];
            var topic = await db.Topics.FirstOrDefaultAsync(t => t.Slug == slug, cancellationToken);
            if (topic is null)
            {
                topic = new Topic { Slug = slug, Name = name, Description = description, SortOrder = i };
                db.Topics.Add(topic);
            }
            topics.Add(topic);
        }

        var podcast = new Podcast
        {
            FeedUrl = "https://feeds.example.com/open-weights.xml",
            Title = "Open Weights Weekly",
            Description = "Conversations about models anyone can run.",
            SiteUrl = "https://open-weights.example.com/",
            FundingUrl = "https://open-weights.example.com/support",
            FundingText = "Support Open Weights Weekly",
            CreatedAt = now.AddDays(-10),
            UpdatedAt = now,
            NextCheckAt = now.AddHours(1),
        };
        var episode = new Episode
        {
            Podcast = podcast,
            IdentityKey = "owp-142",
            Guid = "owp-142",
            Title = "Episode 142: Who owns a model?",
            PublishedAt = now.AddDays(-1),
            DurationSeconds = 3600,
            EnclosureUrl = "https://cdn.example.com/owp-142.mp3",
            EnclosureType = "audio/mpeg",
            Link = "https://open-weights.example.com/142",
            FirstSeenAt = now.AddDays(-1),
            UpdatedAt = now,
            TranscriptStatus = TranscriptStatus.Available,
            TranscriptProvenance = TranscriptProvenance.Publisher,
            ExtractionStatus = ExtractionStatus.Done,
            ExtractedAt = now.AddHours(-20),
        };
        db.Podcasts.Add(podcast);
        db.Episodes.Add(episode);
        // Saved first: cards carry the podcast id as a plain column (no navigation to fill it in).
        await db.SaveChangesAsync(cancellationToken);

        // The product's own example cards (see the design guide): one idea each, stated as a claim.
        var cards = new List<InsightCard>
        {
            Card(episode, topics[0], now, 0.92, 491,
                "Distillation makes closed models leak their edge",
                "Large, centralized AI models are vulnerable to distillation: a smaller model can be trained cheaply by querying the larger one. That favors a future of open, decentralized models.",
                "if you can query it, you can distill it, and nobody can really stop that"),
            Card(episode, topics[0], now, 0.81, 1385,
                "Providers cannot tell distillers from evaluators",
                "API providers struggle to tell apart users distilling a model and users running large evaluations: both send similar high-volume, repetitive calls.",
                "an eval harness and a distillation run look exactly the same from our side"),
            Card(episode, topics[2], now, 0.74, 2462,
                "A consistent brand voice gets flagged as AI",
                "When a brand has a large, stylistically consistent public corpus, language models learn to mimic it, and new human-written copy starts getting flagged as machine-made.",
                "their own copywriters are now getting flagged by the detectors"),
        };
        db.InsightCards.AddRange(cards);
        await db.SaveChangesAsync(cancellationToken);
        return new SeededContent(topics, podcast, episode, cards);
    }

    private static InsightCard Card(Episode episode, Topic topic, DateTime now, double importance, double startSeconds,
        string headline, string body, string quote) => new()
        {
            Episode = episode,
            PodcastId = episode.PodcastId,
            Headline = headline,
            Body = body,
            Quote = quote,
            QuoteStartSeconds = startSeconds,
            QuoteEndSeconds = startSeconds + 12,
            Speaker = "Dana Reyes",
            Importance = importance,
            Provenance = TranscriptProvenance.Publisher,
            Confidence = CardConfidence.High,
            Language = "en",
            ExtractorName = "browser-test-seed",
            CreatedAt = now.AddHours(-6),
            Topics = [new InsightCardTopic { Topic = topic, Score = 0.9 }],
        };
}
