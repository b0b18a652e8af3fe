using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PodBrief.BrowserTests.Harness;
using PodBrief.Core.Data;
using static Microsoft.Playwright.Assertions;

namespace PodBrief.BrowserTests.Journey;

/// <summary>JavaScript only improves the pages: with it switched off, signup, confirmation and preferences still work.</summary>
public sealed class NoJavaScriptTests(Chromium chromium)
{
    private const string Address = "no.script@example.com";

    [Fact]
    public async Task Signup_confirm_and_save_preferences_work_with_javascript_disabled()
    {
        chromium.Require();
        var ct = TestContext.Current.CancellationToken;
        await using var app = await BrowserApp.StartAsync();
        await using (var db = app.CreateDbContext())
        {
            await SeedContent.InsertAsync(db, ct);
        }
        await using var context = await chromium.NewContextAsync(app.BaseUri, javaScript: false);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/");
        await page.Locator("#email").FillAsync(Address);
        await page.Locator("#signup-form").GetByLabel("Science").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Send me the brief" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Check your inbox");
        await ScreenshotAsync(page, "nojs-01-check-inbox");

        var email = await Outbox.WaitForMessageAsync(app.OutboxDirectory, Address, "Confirm", ct);
        await page.GotoAsync(Outbox.SingleLink(email, app.BaseUri, "/confirm/").ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm my subscription" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/preferences/"));
        // No script picked the browser's zone: the picker shows the stored default and the subscriber chooses one.
        await Expect(page.Locator("#timezone")).ToHaveValueAsync("UTC");
        await page.Locator("#timezone").SelectOptionAsync("Asia/Tokyo");
        await page.Locator("#preferences-form input[name=Frequency][value=weekly]").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save preferences" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved");
        await ScreenshotAsync(page, "nojs-02-preferences-saved");

        await using var check = app.CreateDbContext();
        var subscriber = await check.Subscribers.AsNoTracking().SingleAsync(s => s.EmailNormalized == Address, ct);
        Assert.Equal(SubscriberStatus.Active, subscriber.Status);
        Assert.Equal("Asia/Tokyo", subscriber.TimeZoneId);
        Assert.Equal(DeliveryFrequency.Weekly, subscriber.Frequency);
    }

    // axe runs as script in the page, so pages without JavaScript get screenshots only (the journey test checks them with axe).
    private static async Task ScreenshotAsync(IPage page, string name)
    {
        await page.SetViewportSizeAsync(ScreenSizes.Phone.Width, ScreenSizes.Phone.Height);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Artifacts.ScreenshotPath(name + "-phone"), FullPage = true });
        await page.SetViewportSizeAsync(ScreenSizes.Desktop.Width, ScreenSizes.Desktop.Height);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Artifacts.ScreenshotPath(name + "-desktop"), FullPage = true });
    }
}
