using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PodBrief.Core.Data;
using PodBrief.Core.Digests;
using PodBrief.Testing;

namespace PodBrief.IntegrationTests.Digests.Sending;

/// <summary>The app wired to a loopback SMTP sink, plus the rows a dispatcher would have created.</summary>
internal sealed partial class DeliveryFixture : IAsyncDisposable
{
    private DeliveryFixture(TestApp app, SmtpSink? sink, int port)
    {
        App = app;
        Sink = sink;
        SmtpPort = port;
    }

    public TestApp App { get; }
    public SmtpSink? Sink { get; private set; }
    public int SmtpPort { get; }

    public static async Task<DeliveryFixture> StartAsync(DatabaseProvider provider, bool smtpUp = true,
        Action<IServiceCollection>? configureServices = null,
        IDictionary<string, string?>? extraSettings = null)
    {
        var sink = smtpUp ? await SmtpSink.StartAsync() : null;
        var port = sink?.Port ?? SmtpSink.FreePort();
        var settings = new Dictionary<string, string?>
        {
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Smtp:Security"] = "None",
            ["Smtp:PoolSize"] = "2",
            ["Smtp:TimeoutSeconds"] = "10",
            ["Smtp:FromAddress"] = "brief@podbrief.test",
            ["Smtp:ListId"] = "daily.podbrief.test",
            ["Smtp:UnsubscribeMailto"] = "unsubscribe@podbrief.test",
            ["App:OperatorName"] = "PodBrief Test Operator",
            ["App:OperatorPostalAddress"] = "1 Example Street, 10115 Berlin",
        };
        foreach (var (key, value) in extraSettings ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
        var app = await TestApp.StartAsync(provider, settings, configureServices);
        return new DeliveryFixture(app, sink, port);
    }

    /// <summary>Brings a "down" SMTP server up on the port the app is configured for.</summary>
    public async Task StartSmtpAsync() => Sink ??= await SmtpSink.StartAsync(SmtpPort);

    public Task SendAsync(long digestId) =>
        App.WithScopeAsync(sp => sp.GetRequiredService<SendDigestJob>().RunAsync(digestId, TestContext.Current.CancellationToken));

    public async Task<Digest> DigestAsync(long id)
    {
        await using var db = App.CreateDbContext();
        return await db.Digests.AsNoTracking().SingleAsync(d => d.Id == id);
    }

    public async Task<Subscriber> SubscriberAsync(long id)
    {
        await using var db = App.CreateDbContext();
        return await db.Subscribers.AsNoTracking().SingleAsync(s => s.Id == id);
    }

    /// <summary>A podcast, an episode, <paramref name="headlines"/>.Length cards, an active subscriber and a pending digest.</summary>
    public async Task<SeededDigest> SeedDigestAsync(string email = "reader@example.com", params string[] headlines)
    {
        if (headlines.Length == 0)
        {
            headlines = DefaultHeadlines;
        }
        await using var db = App.CreateDbContext();
        return await SeedAsync(db, App.Clock.GetUtcNow().UtcDateTime, email, headlines);
    }

    /// <summary>The same rows, written through any context (the CLI test seeds the CLI's own database).</summary>
    public static async Task<SeededDigest> SeedAsync(PodBriefDbContext db, DateTime now, string email, string[] headlines)
    {
        if (headlines.Length == 0)
        {
            headlines = DefaultHeadlines;
        }
        var podcast = new Podcast { FeedUrl = $"https://feeds.example.com/{Guid.NewGuid():N}.xml", Title = "Hard Fork & Friends", CreatedAt = now, UpdatedAt = now, NextCheckAt = now };
        var episode = new Episode
        {
            Podcast = podcast,
            IdentityKey = Guid.NewGuid().ToString("N"),
            Title = "Episode 12: <b>Models</b>",
            Link = "https://example.com/episodes/12",
            PublishedAt = now.AddDays(-1),
            FirstSeenAt = now,
            UpdatedAt = now,
        };
        var cards = headlines.Select((h, i) => new InsightCard
        {
            Episode = episode,
            Headline = h,
            Body = $"Insight number {i + 1}: the consequence follows.",
            Quote = "a verbatim quote",
            QuoteStartSeconds = i == 0 ? 754.6 : null,
            Importance = 0.8,
            ExtractorName = "test",
            CreatedAt = now,
        }).ToList();
        db.Episodes.Add(episode);
        db.InsightCards.AddRange(cards);
        var subscriber = new Subscriber
        {
            Email = email,
            EmailNormalized = email.ToLowerInvariant(),
            Status = SubscriberStatus.Active,
            CreatedAt = now,
            ConfirmedAt = now,
        };
        db.Subscribers.Add(subscriber);
        await db.SaveChangesAsync();
        foreach (var card in cards)
        {
            card.PodcastId = podcast.Id;
        }
        var digest = new Digest
        {
            SubscriberId = subscriber.Id,
            LocalDate = DateOnly.FromDateTime(now),
            ScheduledFor = now,
            MessageId = $"<digest-{Guid.NewGuid():N}@podbrief.test>",
            CreatedAt = now,
            Items = cards.Select((c, i) => new DigestItem { InsightCardId = c.Id, Position = i, Score = 1 - (i * 0.1), WhyLine = $"You follow AI ({i})" }).ToList(),
        };
        db.Digests.Add(digest);
        await db.SaveChangesAsync();
        return new SeededDigest(digest.Id, subscriber.Id, digest.MessageId, [.. digest.Items.Select(i => i.Id)], [.. cards.Select(c => c.Id)]);
    }

    public static IReadOnlyList<string> Links(string? html) => html is null ? [] :
        [.. HrefPattern().Matches(html).Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value))];

    [GeneratedRegex("href=\"([^\"]+)\"")]
    private static partial Regex HrefPattern();

    public static readonly string[] DefaultHeadlines = ["Distillation makes big models cheap to copy", "Brand voices get flagged as AI"];

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        if (Sink is not null)
        {
            await Sink.DisposeAsync();
        }
    }
}

internal sealed record SeededDigest(long DigestId, long SubscriberId, string MessageId, long[] ItemIds, long[] CardIds);
