using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MimeKit;
using PodBrief.Core.Data;
using PodBrief.Core.Insights;
using PodBrief.Core.Mail;
using PodBrief.Core.Subscribers;
using PodBrief.Testing;

namespace PodBrief.IntegrationTests.Web;

/// <summary>Keeps every message the app sends, for tests that follow the links in them.</summary>
public sealed class CapturingMailTransport : IMailTransport
{
    public ConcurrentQueue<MimeMessage> Messages { get; } = new();

    public Task<MailSendResult> SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        Messages.Enqueue(message);
        return Task.FromResult(MailSendResult.Ok);
    }

    public List<MimeMessage> To(string address) =>
        Messages.Where(m => m.To.Mailboxes.Any(a => string.Equals(a.Address, address, StringComparison.OrdinalIgnoreCase))).ToList();
}

public sealed record SeededSubscriber(long Id, string Email, string ManageToken, string UnsubscribeToken);

/// <summary>Shared steps of the web tests: start the app with a mail capture, read forms, seed rows.</summary>
internal static partial class WebTestKit
{
    public static async Task<(TestApp App, CapturingMailTransport Mail)> StartAsync(DatabaseProvider provider, IDictionary<string, string?>? settings = null,
        bool overHttp = false, Action<IServiceCollection>? configureServices = null)
    {
        var mail = new CapturingMailTransport();
        var app = await TestApp.StartAsync(provider, settings, services =>
        {
            services.RemoveAll<IMailTransport>();
            services.AddSingleton<IMailTransport>(mail);
            configureServices?.Invoke(services);
        }, overHttp);
        return (app, mail);
    }

    /// <summary>No redirects followed, cookies kept; over real sockets when the app listens on Kestrel.</summary>
    public static HttpClient Client(TestApp app) => app.BaseUri is { } baseUri
        ? new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() }) { BaseAddress = baseUri }
        : app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    public static string AntiforgeryToken(string html)
    {
        var match = AntiforgeryField().Match(html);
        Assert.True(match.Success, "The page has no antiforgery field.");
        return match.Groups[1].Value;
    }

    /// <summary>GETs the page (for the antiforgery cookie and field), then POSTs the form fields with the token.</summary>
    public static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string pageUrl, IEnumerable<KeyValuePair<string, string>> fields, string? postUrl = null)
    {
        var ct = TestContext.Current.CancellationToken;
        var page = await client.GetAsync(pageUrl, ct);
        var html = await page.Content.ReadAsStringAsync(ct);
        var all = fields.Append(new("__RequestVerificationToken", AntiforgeryToken(html))).ToList();
        return await client.PostAsync(postUrl ?? pageUrl, new FormUrlEncodedContent(all), ct);
    }

    public static Task<HttpResponseMessage> SignupAsync(HttpClient client, string email, params string[] topics) =>
        SubmitAsync(client, "/", [new("Email", email), .. topics.Select(t => new KeyValuePair<string, string>("Topics", t))]);

    /// <summary>The response body with the antiforgery value (different per response by design) blanked out.</summary>
    public static string WithoutAntiforgery(string html) => AntiforgeryField().Replace(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"-\"");

    public static async Task<string> BodyAsync(HttpResponseMessage response) =>
        await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

    public static string LinkPath(MimeMessage message, string prefix)
    {
        var match = Regex.Match(message.TextBody ?? "", "http://localhost:5080(" + Regex.Escape(prefix) + "[A-Za-z0-9_-]+)");
        Assert.True(match.Success, $"No {prefix} link in the message: {message.TextBody}");
        return match.Groups[1].Value;
    }

    public static async Task<List<Topic>> SeedTopicsAsync(TestApp app)
    {
        await using var db = app.CreateDbContext();
        var topics = new List<Topic>
        {
            new() { Slug = "webtest-ai", Name = "AI & machine learning", Description = "Models, training, evaluation.", SortOrder = -3 },
            new() { Slug = "webtest-sleep", Name = "Sleep science", Description = "Sleep research.", SortOrder = -2 },
            new() { Slug = "webtest-economics", Name = "Economics", Description = "Markets and policy.", SortOrder = -1 },
        };
        db.Topics.AddRange(topics);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return topics;
    }

    public static async Task<SeededSubscriber> SeedSubscriberAsync(TestApp app, string email, SubscriberStatus status = SubscriberStatus.Active)
    {
        return await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<PodBriefDbContext>();
            var subscriber = new Subscriber
            {
                Email = email,
                EmailNormalized = email.ToLowerInvariant(),
                Status = status,
                CreatedAt = app.Clock.GetUtcNow().UtcDateTime,
                ConfirmedAt = status == SubscriberStatus.Pending ? null : app.Clock.GetUtcNow().UtcDateTime,
            };
            db.Subscribers.Add(subscriber);
            await db.SaveChangesAsync();
            var tokens = sp.GetRequiredService<SubscriberTokenService>();
            var manage = tokens.Issue(subscriber.Id, TokenPurpose.Manage);
            var unsubscribe = tokens.IssueUnsubscribe(subscriber.Id);
            await db.SaveChangesAsync();
            return new SeededSubscriber(subscriber.Id, email, manage, unsubscribe);
        });
    }

    /// <summary>A podcast with one episode and one card per headline; returns the card ids in order.</summary>
    public static async Task<List<long>> SeedCardsAsync(TestApp app, string showTitle, IReadOnlyList<(string Headline, float[]? Vector)> cards,
        string? episodeLink = "https://example.com/ep1", string? fundingUrl = null, double? quoteStart = 754,
        string? enclosureUrl = null, string? imageUrl = null, Func<string, string>? quoteOf = null)
    {
        await using var db = app.CreateDbContext();
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var podcast = new Podcast
        {
            FeedUrl = "https://example.com/" + Guid.NewGuid().ToString("N") + ".xml",
            Title = showTitle,
            FundingUrl = fundingUrl,
            FundingText = fundingUrl is null ? null : "Support the show",
            ImageUrl = imageUrl,
            CreatedAt = now,
            UpdatedAt = now,
            NextCheckAt = now,
        };
        var episode = new Episode
        {
            IdentityKey = Guid.NewGuid().ToString("N"),
            Title = "Episode one",
            Link = episodeLink,
            EnclosureUrl = enclosureUrl,
            EnclosureType = enclosureUrl is null ? null : "audio/mpeg",
            PublishedAt = now,
            FirstSeenAt = now,
            UpdatedAt = now
        };
        podcast.Episodes.Add(episode);
        db.Podcasts.Add(podcast);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        var rows = cards.Select((c, i) => new InsightCard
        {
            EpisodeId = episode.Id,
            PodcastId = podcast.Id,
            Headline = c.Headline,
            Body = "Body of " + c.Headline,
            // The default quote says more than the body (most of its words are not the body's), so pages show it.
            Quote = quoteOf is null ? "As said on the show, the quote of " + c.Headline : quoteOf(c.Headline),
            QuoteStartSeconds = quoteStart,
            Importance = 1.0 - (i * 0.1),
            Embedding = c.Vector is null ? null : EmbeddingBytes.ToBytes(c.Vector),
            EmbeddingModel = c.Vector is null ? null : "test-model",
            ExtractorName = "test",
            CreatedAt = now,
        }).ToList();
        db.InsightCards.AddRange(rows);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return rows.Select(r => r.Id).ToList();
    }

    public static void AssertStatus(HttpStatusCode expected, HttpResponseMessage response, string body) =>
        Assert.True(expected == response.StatusCode, $"Expected {(int)expected}, got {(int)response.StatusCode}: {body[..Math.Min(body.Length, 2000)]}");
}
