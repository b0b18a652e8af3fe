using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using PodBrief.Core.Data;
using PodBrief.Core.Feeds;
using PodBrief.Core.Feeds.Ingestion;
using PodBrief.IntegrationTests.Digests.Sending;
using PodBrief.IntegrationTests.Insights.Llm;
using PodBrief.Testing;

namespace PodBrief.IntegrationTests.Hosting;

/// <summary>
/// PodBrief's meters are process-wide and every app's exporter sees every measurement made after it started, so
/// these tests run alone (<see cref="TelemetryCollection"/>): then the numbers an app reports are exactly what the
/// test did.
/// </summary>
[Collection(TelemetryCollection.Name)]
public partial class MetricsEndpointTests
{
    [Fact]
    public async Task Metrics_are_Prometheus_text_with_PodBriefs_own_counters_after_a_poll_and_need_the_admin_login()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite, new Dictionary<string, string?> { ["Feeds:AllowPrivateAddresses"] = "true" });
        await PollUnreachableFeedAsync(app);

        using var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(new Uri("/metrics", UriKind.Relative), ct)).StatusCode);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Authorization = AdminLogin;
        var response = await client.SendAsync(request, ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        var text = await response.Content.ReadAsStringAsync(ct);
        Assert.Contains("# TYPE podbrief_feeds_polled", text, StringComparison.Ordinal);
        Assert.Matches("podbrief_feeds_polled[a-z_]*\\{[^}]*outcome=\"failed\"[^}]*\\} [1-9]", text);
    }

    [Fact]
    public async Task A_poll_a_digest_sent_over_smtp_and_an_llm_extraction_show_up_as_digest_smtp_and_llm_metrics()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var llm = await FakeOpenAiServer.StartAsync();
        llm.ChatResponder = _ => LlmTestKit.Cards(LlmTestKit.DistillationCard);
        var settings = LlmTestKit.Settings(llm, ClientKind.Azure, new() { ["Feeds:AllowPrivateAddresses"] = "true" });
        await using var f = await DeliveryFixture.StartAsync(DatabaseProvider.Sqlite, extraSettings: settings);
        await PollUnreachableFeedAsync(f.App);
        var seeded = await f.SeedDigestAsync("metrics@example.com");
        await f.SendAsync(seeded.DigestId);
        await f.App.ExtractAsync();

        var text = await ScrapeAsync(f.App);

        Assert.Equal(1, Sum(text, "podbrief_feeds_polled_total", ("outcome", "failed")));
        Assert.Equal(1, Sum(text, "podbrief_digests_total", ("state", "sent")));
        Assert.Equal(1, Sum(text, "podbrief_smtp_send_duration_seconds_count", ("transport", "smtp"), ("outcome", "sent")));
        Assert.True(Sum(text, "podbrief_smtp_send_duration_seconds_sum") > 0);
        // The fake server reports real o200k token counts of what it received; the ledger's rows say the same.
        var chat = Assert.Single(llm.ChatRequests);
        await using var db = f.App.CreateDbContext();
        var usage = Assert.Single(db.LlmUsage.Where(u => u.Operation == "chat"));
        Assert.True(usage.InputTokens > 0);
        Assert.Equal(usage.InputTokens, Sum(text, "podbrief_llm_tokens_total", ("model", LlmTestKit.Deployment), ("kind", "input")));
        Assert.Equal(usage.OutputTokens, Sum(text, "podbrief_llm_tokens_total", ("model", LlmTestKit.Deployment), ("kind", "output")));
        Assert.Equal(1, Sum(text, "podbrief_llm_call_duration_seconds_count", ("model", LlmTestKit.Deployment), ("operation", "chat"), ("outcome", "ok")));
        Assert.NotNull(chat.Json);
        // Priced in LlmTestKit: 0.15 / 0.60 USD per million input / output tokens.
        var expectedCost = ((usage.InputTokens * 0.15) + (usage.OutputTokens * 0.60)) / 1_000_000;
        Assert.Equal(expectedCost, Sum(text, "podbrief_llm_cost_USD_total", ("model", LlmTestKit.Deployment)), 9);
    }

    internal static AuthenticationHeaderValue AdminLogin { get; } =
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:test-admin-password")));

    internal static async Task PollUnreachableFeedAsync(TestApp app)
    {
        var ct = TestContext.Current.CancellationToken;
        long podcastId;
        await using (var db = app.CreateDbContext())
        {
            var now = app.Clock.GetUtcNow().UtcDateTime;
            // Port 9 (discard) on loopback: nothing listens, so the poll fails fast and is counted as failed.
            var podcast = new Podcast { FeedUrl = "http://127.0.0.1:9/feed.xml", CreatedAt = now, UpdatedAt = now, NextCheckAt = now };
            db.Podcasts.Add(podcast);
            await db.SaveChangesAsync(ct);
            podcastId = podcast.Id;
        }
        var outcome = await app.WithScopeAsync(sp => sp.GetRequiredService<RefreshPodcastJob>().RefreshAsync(podcastId, force: false, ct));
        Assert.NotNull(outcome.Error);
    }

    private static async Task<string> ScrapeAsync(TestApp app)
    {
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Authorization = AdminLogin;
        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>The sum of every sample of <paramref name="metric"/> whose labels include all of <paramref name="labels"/>.</summary>
    private static double Sum(string text, string metric, params (string Name, string Value)[] labels) =>
        SampleLine().Matches(text)
            .Where(m => m.Groups["name"].Value == metric
                && labels.All(l => m.Groups["labels"].Value.Contains($"{l.Name}=\"{l.Value}\"", StringComparison.Ordinal)))
            .Sum(m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));

    [GeneratedRegex("^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(?<labels>[^}]*)\\})? (?<value>[-+0-9.eE]+|NaN)", RegexOptions.Multiline)]
    private static partial Regex SampleLine();
}

/// <summary>Tests that read process-wide meters or activity sources run alone, so no other test's measurements mix in.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection
{
    public const string Name = "Telemetry (runs alone)";
}
