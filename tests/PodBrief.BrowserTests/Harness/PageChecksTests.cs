using Microsoft.Playwright;
using Xunit.Sdk;

namespace PodBrief.BrowserTests.Harness;

/// <summary>The checks every page goes through must be able to fail, or a green run proves nothing.</summary>
public sealed class PageChecksTests(Chromium chromium)
{
    [Fact]
    public async Task Accessibility_check_fails_on_a_page_with_serious_violations()
    {
        chromium.Require();
        await using var context = await chromium.Require().NewContextAsync();
        var page = await context.NewPageAsync();
        // An unlabelled input and an image without alt text: axe rates both "critical".
        await page.SetContentAsync("""
            <!doctype html><html lang="en"><head><title>Broken</title></head>
            <body><main><h1>Broken</h1><form><input type="email" name="Email"></form><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></main></body></html>
            """);

        var failure = await Assert.ThrowsAsync<TrueException>(() => PageChecks.AssertAccessibleAsync(page, "broken"));

        Assert.Contains("label", failure.Message, StringComparison.Ordinal);
        Assert.Contains("image-alt", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Accessibility_check_passes_a_plain_labelled_page()
    {
        chromium.Require();
        await using var context = await chromium.Require().NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SetContentAsync("""
            <!doctype html><html lang="en"><head><title>Fine</title></head>
            <body><main><h1>Fine</h1><form><label for="e">Email</label><input id="e" type="email" name="Email"><button>Go</button></form></main></body></html>
            """);

        await PageChecks.AssertAccessibleAsync(page, "fine");
        Assert.Equal("Fine", await page.TitleAsync());
    }
}
