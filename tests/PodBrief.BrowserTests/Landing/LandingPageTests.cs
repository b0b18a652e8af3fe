using Microsoft.Playwright;
using PodBrief.BrowserTests.Harness;

namespace PodBrief.BrowserTests.Landing;

public sealed class LandingPageTests(Chromium chromium)
{
    [Fact]
    public async Task Landing_page_states_the_promise_and_passes_accessibility_checks()
    {
        chromium.Require();
        await using var app = await BrowserApp.StartAsync();
        await using var context = await chromium.NewContextAsync(app.BaseUri);
        var page = await context.NewPageAsync();

        var response = await page.GotoAsync("/");

        Assert.NotNull(response);
        Assert.Equal(200, response.Status);
        var heading = page.GetByRole(AriaRole.Heading, new() { Level = 1 });
        Assert.Contains("personalized podcast brief", await heading.InnerTextAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("top 5 insights", await page.Locator("body").InnerTextAsync(), StringComparison.OrdinalIgnoreCase);
        await PageChecks.CheckAsync(page, "landing-empty");
    }

    [Fact]
    public async Task Landing_page_shows_related_insights_from_the_database()
    {
        chromium.Require();
        var ct = TestContext.Current.CancellationToken;
        await using var app = await BrowserApp.StartAsync();
        await using (var db = app.CreateDbContext())
        {
            await SeedContent.InsertAsync(db, ct);
        }
        await using var context = await chromium.NewContextAsync(app.BaseUri);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Related insights" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Distillation makes closed models leak their edge" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Listen from 08:11" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Open Weights Weekly").First).ToBeVisibleAsync();
        await PageChecks.CheckAsync(page, "landing-with-insights");
    }
}
