using System.Globalization;
using Microsoft.Playwright;
using PodBrief.BrowserTests.Harness;
using PodBrief.Core.Data;
using PodBrief.Core.Digests;
using PodBrief.Core.Feeds;
using PodBrief.Core.Insights;
using PodBrief.Core.Subscribers;

namespace PodBrief.BrowserTests.Admin;

public sealed class AdminDashboardTests(Chromium chromium)
{
    [Fact]
    public async Task Dashboard_draws_30_days_of_digests_feedback_cards_and_spend_and_feed_health_as_svg()
    {
        chromium.Require();
        var ct = TestContext.Current.CancellationToken;
        await using var app = await BrowserApp.StartAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var now = DateTime.UtcNow;
        int seededCards;
        await using (var db = app.CreateDbContext())
        {
            var seeded = await SeedContent.InsertAsync(db, ct);
            seededCards = seeded.Cards.Count;
            var subscriber = new Subscriber { Email = "ops@example.com", EmailNormalized = "ops@example.com", Status = SubscriberStatus.Active, CreatedAt = now.AddDays(-40) };
            db.Subscribers.Add(subscriber);
            await db.SaveChangesAsync(ct);
            // 3 sent today, 1 failed yesterday, 2 skipped five days ago; one digest 40 days ago is outside the window.
            var digests = new (int DaysAgo, DigestState State)[]
            {
                (0, DigestState.Sent), (0, DigestState.Sent), (0, DigestState.Sent), (1, DigestState.Failed),
                (5, DigestState.Skipped), (5, DigestState.Empty), (40, DigestState.Sent),
            };
            var subscriberIds = new List<long> { subscriber.Id };
            foreach (var (daysAgo, state) in digests.Skip(1))
            {
                // One digest per subscriber and local date: each extra digest gets its own subscriber.
                var other = new Subscriber { Email = $"s{subscriberIds.Count}@example.com", EmailNormalized = $"s{subscriberIds.Count}@example.com", CreatedAt = now };
                db.Subscribers.Add(other);
                await db.SaveChangesAsync(ct);
                subscriberIds.Add(other.Id);
            }
            for (var i = 0; i < digests.Length; i++)
            {
                var date = today.AddDays(-digests[i].DaysAgo);
                db.Digests.Add(new Digest
                {
                    SubscriberId = subscriberIds[i],
                    LocalDate = date,
                    State = digests[i].State,
                    MessageId = $"<d{i}@example.com>",
                    ScheduledFor = date.ToDateTime(new TimeOnly(7, 0), DateTimeKind.Utc),
                    CreatedAt = now,
                    LastError = digests[i].State == DigestState.Failed ? "550 mailbox unavailable" : null,
                });
            }
            db.Feedback.Add(new Feedback { SubscriberId = subscriber.Id, InsightCardId = seeded.Cards[0].Id, Kind = FeedbackKind.Up, CreatedAt = now });
            db.Feedback.Add(new Feedback { SubscriberId = subscriber.Id, InsightCardId = seeded.Cards[1].Id, Kind = FeedbackKind.Up, CreatedAt = now });
            db.Feedback.Add(new Feedback { SubscriberId = subscriber.Id, InsightCardId = seeded.Cards[2].Id, Kind = FeedbackKind.Down, CreatedAt = now.AddDays(-2) });
            db.LlmUsage.Add(new LlmUsage { OccurredAt = now, Model = "gpt-4o-mini", Operation = "extract", EstimatedCostUsd = 0.25m, Succeeded = true });
            db.LlmUsage.Add(new LlmUsage { OccurredAt = now.AddDays(-3), Model = "gpt-4o-mini", Operation = "extract", EstimatedCostUsd = 1.5m, Succeeded = true });
            db.Podcasts.Add(new Podcast { FeedUrl = "https://feeds.example.com/broken.xml", Title = "Broken", ConsecutiveErrors = 2, CreatedAt = now, UpdatedAt = now, NextCheckAt = now });
            db.Podcasts.Add(new Podcast { FeedUrl = "https://feeds.example.com/paused.xml", Title = "Paused", Status = PodcastStatus.Paused, CreatedAt = now, UpdatedAt = now, NextCheckAt = now });
            await db.SaveChangesAsync(ct);
        }
        await using var context = await chromium.NewContextAsync(app.BaseUri, credentials: BrowserApp.AdminCredentials);
        var page = await context.NewPageAsync();

        var response = await page.GotoAsync("/Admin");

        Assert.Equal(200, response!.Status);
        var charts = page.Locator("svg.chart");
        await Assertions.Expect(charts).ToHaveCountAsync(5);
        var todayLabel = today.ToString("MM-dd", CultureInfo.InvariantCulture);
        await Assertions.Expect(Bar(page, "chart-digests", "sent", todayLabel)).ToHaveAttributeAsync("data-value", "3");
        await Assertions.Expect(Bar(page, "chart-digests", "failed", today.AddDays(-1).ToString("MM-dd", CultureInfo.InvariantCulture))).ToHaveAttributeAsync("data-value", "1");
        await Assertions.Expect(Bar(page, "chart-digests", "skipped or empty", today.AddDays(-5).ToString("MM-dd", CultureInfo.InvariantCulture))).ToHaveAttributeAsync("data-value", "2");
        // The 40-day-old digest is outside the window: 3 + 1 + 2.
        await Assertions.Expect(page.Locator("#chart-digests-caption")).ToContainTextAsync("6 digests");
        await Assertions.Expect(Bar(page, "chart-feedback", "up", todayLabel)).ToHaveAttributeAsync("data-value", "2");
        // SeedContent's cards are six hours old.
        await Assertions.Expect(Bar(page, "chart-cards", "browser-test-seed", DateOnly.FromDateTime(now.AddHours(-6)).ToString("MM-dd", CultureInfo.InvariantCulture))).ToHaveAttributeAsync("data-value", seededCards.ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(page.Locator("#chart-llm-spend-caption")).ToContainTextAsync("1.75 USD");
        await Assertions.Expect(Bar(page, "chart-feed-health", "erroring", "erroring")).ToHaveAttributeAsync("data-value", "1");
        await Assertions.Expect(Bar(page, "chart-feed-health", "paused", "paused")).ToHaveAttributeAsync("data-value", "1");
        await PageChecks.CheckAsync(page, "admin-dashboard");
    }

    private static ILocator Bar(IPage page, string chart, string series, string label) =>
        page.Locator($"#{chart} rect.bar[data-series=\"{series}\"][data-label=\"{label}\"]");
}
