using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PodBrief.BrowserTests.Harness;
using PodBrief.Core.Data;
using PodBrief.Core.Subscribers;
using static Microsoft.Playwright.Assertions;

namespace PodBrief.BrowserTests.Journey;

/// <summary>
/// The whole subscriber journey in a real browser: sign up, confirm from the email, tune preferences, read an
/// insight, unsubscribe. Every page visited gets an accessibility check and phone + desktop screenshots.
/// </summary>
public sealed class SubscriberJourneyTests(Chromium chromium)
{
    private const string Address = "ada.reader@example.com";

    [Fact]
    public async Task Visitor_signs_up_confirms_tunes_preferences_reads_an_insight_and_unsubscribes()
    {
        chromium.Require();
        var ct = TestContext.Current.CancellationToken;
        await using var app = await BrowserApp.StartAsync();
        SeededContent seeded;
        await using (var db = app.CreateDbContext())
        {
            seeded = await SeedContent.InsertAsync(db, ct);
        }
        await using var context = await chromium.NewContextAsync(app.BaseUri);
        var page = await context.NewPageAsync();
        var browserErrors = BrowserErrors.Collect(page);

        // 1. Landing: email + one topic.
        await page.GotoAsync("/");
        await PageChecks.CheckAsync(page, "journey-01-landing");
        await page.Locator("#email").FillAsync(Address);
        await page.Locator("#signup-form").GetByLabel("AI & machine learning").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Send me the brief" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Check your inbox");
        await PageChecks.CheckAsync(page, "journey-02-check-inbox");

        // 2. The confirmation email, read from the outbox like a mail client would.
        var email = await Outbox.WaitForMessageAsync(app.OutboxDirectory, Address, "Confirm", ct);
        var confirmLink = Outbox.SingleLink(email, app.BaseUri, "/confirm/");

        // 3. Confirm: the link only shows a button; the POST confirms and lands on preferences.
        await page.GotoAsync(confirmLink.ToString());
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Confirm my subscription" })).ToBeVisibleAsync();
        await PageChecks.CheckAsync(page, "journey-03-confirm");
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm my subscription" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/preferences/[A-Za-z0-9_-]+"));
        var preferencesUrl = page.Url.Split('?')[0];
        var form = page.Locator("#preferences-form");
        // The topic picked at signup carried over; the browser's time zone (site.js) came along with the signup.
        await Expect(form.GetByLabel("AI & machine learning")).ToBeCheckedAsync();
        await Expect(page.Locator("#timezone")).ToHaveValueAsync("Europe/Berlin");
        await PageChecks.CheckAsync(page, "journey-04-preferences-welcome");

        // 4. Change topics, time zone, delivery time and frequency; save.
        await form.GetByLabel("AI & machine learning").UncheckAsync();
        await form.GetByLabel("Science").CheckAsync();
        await form.GetByLabel("Health").CheckAsync();
        await page.Locator("#timezone").FillAsync("America/New_York");
        await form.Locator("input[type=time][name=DeliveryTime]").FillAsync("06:30");
        await form.Locator("input[name=Frequency][value=weekdays]").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save preferences" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved");
        await PageChecks.CheckAsync(page, "journey-05-preferences-saved");

        // 5. A fresh load of the magic link shows what was saved (the server kept it, not the browser).
        await page.GotoAsync(preferencesUrl);
        await Expect(form.GetByLabel("AI & machine learning")).Not.ToBeCheckedAsync();
        await Expect(form.GetByLabel("Science")).ToBeCheckedAsync();
        await Expect(form.GetByLabel("Health")).ToBeCheckedAsync();
        await Expect(form.GetByLabel("Business & startups")).Not.ToBeCheckedAsync();
        await Expect(page.Locator("#timezone")).ToHaveValueAsync("America/New_York");
        await Expect(form.Locator("input[name=DeliveryTime]")).ToHaveValueAsync("06:30");
        await Expect(form.Locator("input[name=Frequency][value=weekdays]")).ToBeCheckedAsync();
        var subscriber = await LoadSubscriberAsync(app, ct);
        Assert.Equal(SubscriberStatus.Active, subscriber.Status);
        Assert.Equal("America/New_York", subscriber.TimeZoneId);
        Assert.Equal(new TimeOnly(6, 30), subscriber.DeliveryTimeLocal);
        Assert.Equal(DeliveryFrequency.Weekdays, subscriber.Frequency);
        Assert.Equal(
            new[] { seeded.Topics[1].Id, seeded.Topics[3].Id },
            subscriber.Topics.Where(t => !t.IsMuted).Select(t => t.TopicId).Order().ToArray());

        // 6. An insight page, reached from the landing's Related insights.
        var card = seeded.Cards[0];
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = card.Headline }).ClickAsync();
        await Expect(page).ToHaveURLAsync(app.Url($"/i/{card.Id}").ToString());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(card.Headline);
        await Expect(page.Locator("blockquote")).ToContainTextAsync(card.Quote);
        // The player starts at the quote (Media Fragment on the enclosure); the episode page link carries the time too.
        await Expect(page.GetByText("Listen from 08:11")).ToBeVisibleAsync();
        await Expect(page.Locator("audio#player source")).ToHaveAttributeAsync("src", "https://cdn.example.com/owp-142.mp3#t=491");
        var listen = page.GetByRole(AriaRole.Link, new() { Name = "Episode page" });
        await Expect(listen).ToHaveAttributeAsync("href", "https://open-weights.example.com/142#t=491");
        await PageChecks.CheckAsync(page, "journey-06-insight");

        // 7. Unsubscribe through the link a digest email carries (issued here as the digest sender would).
        var unsubscribeToken = await IssueUnsubscribeTokenAsync(app, subscriber.Id);
        await page.GotoAsync($"/unsubscribe/{unsubscribeToken}");
        await PageChecks.CheckAsync(page, "journey-07-unsubscribe");
        Assert.Equal(SubscriberStatus.Active, (await LoadSubscriberAsync(app, ct)).Status); // the GET changed nothing
        await page.GetByRole(AriaRole.Button, new() { Name = "Unsubscribe" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("You are unsubscribed");
        await PageChecks.CheckAsync(page, "journey-08-unsubscribed");
        Assert.Equal(SubscriberStatus.Unsubscribed, (await LoadSubscriberAsync(app, ct)).Status);

        Assert.True(browserErrors.Count == 0, "The browser reported errors:\n" + string.Join("\n", browserErrors));
    }

    private static async Task<Subscriber> LoadSubscriberAsync(BrowserApp app, CancellationToken ct)
    {
        await using var db = app.CreateDbContext();
        return await db.Subscribers.AsNoTracking().Include(s => s.Topics).SingleAsync(s => s.EmailNormalized == Address, ct);
    }

    private static async Task<string> IssueUnsubscribeTokenAsync(BrowserApp app, long subscriberId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var token = scope.ServiceProvider.GetRequiredService<SubscriberTokenService>().IssueUnsubscribe(subscriberId);
        await scope.ServiceProvider.GetRequiredService<PodBriefDbContext>().SaveChangesAsync();
        return token;
    }
}
