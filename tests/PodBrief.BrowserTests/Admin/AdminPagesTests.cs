using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PodBrief.BrowserTests.Harness;
using PodBrief.Core.Data;
using PodBrief.Core.Subscribers;

namespace PodBrief.BrowserTests.Admin;

/// <summary>
/// Every admin page, and the subscriber pages the journey does not reach (digest web view, archive, manage, a
/// status page), in real Chromium: axe finds no serious or critical issue, and each is screenshotted at phone and
/// desktop width (PageChecks). The subscribers page's unsubscribe button is pressed for real (antiforgery included).
/// </summary>
public sealed class AdminPagesTests(Chromium chromium)
{
    private sealed record Seeded(long ActiveId, string ActiveEmail, long SentDigestId, string ManageToken);

    private static async Task<Seeded> SeedAsync(BrowserApp app, CancellationToken ct)
    {
        await using var db = app.CreateDbContext();
        var content = await SeedContent.InsertAsync(db, ct);
        var now = DateTime.UtcNow;
        var today = DateOnly.FromDateTime(now);
        var active = new Subscriber { Email = "ada@example.com", EmailNormalized = "ada@example.com", Status = SubscriberStatus.Active, CreatedAt = now, ConfirmedAt = now, NextSendAt = now.AddHours(2) };
        var pending = new Subscriber { Email = "ben<b>@example.com", EmailNormalized = "ben<b>@example.com", CreatedAt = now };
        var bounced = new Subscriber { Email = "cy@example.com", EmailNormalized = "cy@example.com", Status = SubscriberStatus.Suppressed, HardBounceCount = 3, CreatedAt = now };
        db.Subscribers.AddRange(active, pending, bounced);
        await db.SaveChangesAsync(ct);
        var sent = new Digest
        {
            SubscriberId = active.Id,
            LocalDate = today,
            ScheduledFor = now,
            State = DigestState.Sent,
            SentAt = now,
            Subject = "Your brief",
            MessageId = "<sent@example.com>",
            CreatedAt = now,
            Items = [.. content.Cards.Take(3).Select((c, i) => new DigestItem { InsightCardId = c.Id, Position = i, Score = 1, WhyLine = "You follow AI" })],
        };
        db.Digests.AddRange(sent,
            new Digest { SubscriberId = bounced.Id, LocalDate = today, ScheduledFor = now, State = DigestState.Failed, Attempts = 1, LastError = "550 5.1.1 <cy@example.com> mailbox unavailable", MessageId = "<failed@example.com>", CreatedAt = now },
            new Digest { SubscriberId = active.Id, LocalDate = today.AddDays(-1), ScheduledFor = now, State = DigestState.Unknown, LastError = "Connection lost after the message was sent", MessageId = "<unknown@example.com>", CreatedAt = now });
        var manage = new SubscriberTokenService(db, TimeProvider.System).Issue(active.Id, TokenPurpose.Manage);
        await db.SaveChangesAsync(ct);
        return new Seeded(active.Id, active.Email, sent.Id, manage);
    }

    [Fact]
    public async Task Every_admin_page_passes_axe_and_is_screenshotted_and_unsubscribe_works_from_the_browser()
    {
        chromium.Require();
        var ct = TestContext.Current.CancellationToken;
        await using var app = await BrowserApp.StartAsync();
        var seeded = await SeedAsync(app, ct);
        await using var context = await chromium.NewContextAsync(app.BaseUri, credentials: BrowserApp.AdminCredentials);
        var page = await context.NewPageAsync();

        foreach (var (path, name, heading) in new[]
        {
            ("/Admin/Podcasts", "admin-podcasts", "Podcasts"),
            ("/Admin/Outbox", "admin-outbox", "Outbox and delivery"),
            ("/Admin/Insights", "admin-insights", "Insights"),
            ("/Admin/Digests", "admin-digests", "Digests"),
            ($"/Admin/Digests/View/{seeded.SentDigestId}", "admin-digest-view", $"Digest #{seeded.SentDigestId}"),
            ("/Admin/Subscribers", "admin-subscribers", "Subscribers"),
        })
        {
            var response = await page.GotoAsync(path);
            Assert.Equal(200, response!.Status);
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(heading);
            await PageChecks.CheckAsync(page, name);
        }

        // Still on /Admin/Subscribers: the hostile-looking address is shown as text, and the button posts with its antiforgery token.
        await Assertions.Expect(page.GetByText("ben<b>@example.com")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = $"Unsubscribe {seeded.ActiveEmail}" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("is unsubscribed");
        await using (var db = app.CreateDbContext())
        {
            Assert.Equal(SubscriberStatus.Unsubscribed, (await db.Subscribers.SingleAsync(s => s.Id == seeded.ActiveId, ct)).Status);
        }
        await page.GotoAsync("/Admin/Digests");
        await Assertions.Expect(page.Locator("#digest-problems")).ToContainTextAsync("550 5.1.1");
    }

    [Fact]
    public async Task Subscriber_pages_outside_the_journey_pass_axe()
    {
        chromium.Require();
        var ct = TestContext.Current.CancellationToken;
        await using var app = await BrowserApp.StartAsync();
        var seeded = await SeedAsync(app, ct);
        await using var context = await chromium.NewContextAsync(app.BaseUri);
        var page = await context.NewPageAsync();

        foreach (var (path, name, status) in new[]
        {
            ($"/digest/{seeded.SentDigestId}/{seeded.ManageToken}", "public-digest-view", 200),
            ($"/archive/{seeded.ManageToken}", "public-archive", 200),
            ("/manage", "public-manage", 200),
            ("/no-such-page", "public-not-found", 404),
        })
        {
            var response = await page.GotoAsync(path);
            Assert.Equal(status, response!.Status);
            await PageChecks.CheckAsync(page, name);
        }
    }
}
