using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using PodBrief.Core.Data;
using PodBrief.Core.Feeds;
using PodBrief.Core.Feeds.Ingestion;
using PodBrief.Testing;

namespace PodBrief.IntegrationTests.Hosting;

public class MetricsEndpointTests
{
    [Fact]
    public async Task Metrics_are_Prometheus_text_with_PodBriefs_own_counters_after_a_poll_and_need_the_admin_login()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite, new Dictionary<string, string?> { ["Feeds:AllowPrivateAddresses"] = "true" });
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

        using var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(new Uri("/metrics", UriKind.Relative), ct)).StatusCode);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:test-admin-password")));
        var response = await client.SendAsync(request, ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        var text = await response.Content.ReadAsStringAsync(ct);
        Assert.Contains("# TYPE podbrief_feeds_polled", text, StringComparison.Ordinal);
        Assert.Matches("podbrief_feeds_polled[a-z_]*\\{[^}]*outcome=\"failed\"[^}]*\\} [1-9]", text);
    }
}
