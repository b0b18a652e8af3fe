using System.Net;
using System.Net.Http.Headers;
using System.Text;
using PodBrief.Core.Data;
using PodBrief.Testing;

namespace PodBrief.IntegrationTests.Insights.Llm;

public class InsightsAdminPageTests
{
    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task The_page_shows_spend_per_model_and_why_episodes_wait_or_failed(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await TestApp.StartAsync(provider);
        var now = app.Clock.GetUtcNow().UtcDateTime;
        await using (var db = app.CreateDbContext())
        {
            var podcast = new Podcast { FeedUrl = "https://example.com/feed", Title = "Show" };
            db.Podcasts.Add(podcast);
            await db.SaveChangesAsync(ct);
            db.Episodes.AddRange(
                new Episode { PodcastId = podcast.Id, IdentityKey = "a", Title = "Budget day", ExtractionStatus = ExtractionStatus.Waiting, ExtractionLastError = "Daily LLM budget reached" },
                new Episode { PodcastId = podcast.Id, IdentityKey = "b", Title = "Filtered <b>", ExtractionStatus = ExtractionStatus.Failed, ExtractionLastError = "LLM request rejected with HTTP 400" },
                new Episode { PodcastId = podcast.Id, IdentityKey = "c", Title = "Fine", ExtractionStatus = ExtractionStatus.Done });
            db.LlmUsage.AddRange(
                new LlmUsage { Model = "gpt-4o-mini", Operation = "chat", OccurredAt = now, InputTokens = 12000, OutputTokens = 800, EstimatedCostUsd = 0.00228m, Succeeded = true },
                new LlmUsage { Model = "gpt-4o-mini", Operation = "chat", OccurredAt = now.AddDays(-1), InputTokens = 1000, OutputTokens = 100, EstimatedCostUsd = 1.5m, Succeeded = true },
                new LlmUsage { Model = "old-model", Operation = "chat", OccurredAt = now.AddMonths(-1), InputTokens = 5, EstimatedCostUsd = 99m, Succeeded = true });
            await db.SaveChangesAsync(ct);
        }
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/Admin/Insights");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:test-admin-password")));

        var response = await client.SendAsync(request, ct);
        var html = await response.Content.ReadAsStringAsync(ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("12,000", html, StringComparison.Ordinal);       // today's input tokens
        Assert.Contains("0.0023", html, StringComparison.Ordinal);       // today's cost
        Assert.Contains("1.5023", html, StringComparison.Ordinal);       // this month's cost (today + yesterday)
        Assert.DoesNotContain("old-model", html, StringComparison.Ordinal);
        Assert.Contains("Daily LLM budget reached", html, StringComparison.Ordinal);
        Assert.Contains("rejected with HTTP 400", html, StringComparison.Ordinal);
        Assert.Contains("Filtered &lt;b&gt;", html, StringComparison.Ordinal);
    }
}
