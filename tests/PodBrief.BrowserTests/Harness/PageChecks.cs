using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace PodBrief.BrowserTests.Harness;

/// <summary>What every page a test visits goes through: an accessibility check and phone + desktop screenshots.</summary>
public static class PageChecks
{
    private static readonly string[] BlockingImpacts = ["serious", "critical"];

    /// <summary>Runs axe and screenshots the page at phone and desktop widths (full page), then restores desktop size.</summary>
    public static async Task CheckAsync(IPage page, string name)
    {
        await page.SetViewportSizeAsync(ScreenSizes.Phone.Width, ScreenSizes.Phone.Height);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Artifacts.ScreenshotPath(name + "-phone"), FullPage = true });
        await AssertAccessibleAsync(page, name + " (phone)");

        await page.SetViewportSizeAsync(ScreenSizes.Desktop.Width, ScreenSizes.Desktop.Height);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Artifacts.ScreenshotPath(name + "-desktop"), FullPage = true });
        await AssertAccessibleAsync(page, name + " (desktop)");
    }

    /// <summary>Zero serious or critical axe violations (WCAG 2.x A/AA rules and best practices axe enables by default).</summary>
    public static async Task AssertAccessibleAsync(IPage page, string name)
    {
        var result = await page.RunAxe();
        var blocking = result.Violations
            .Where(v => BlockingImpacts.Contains(v.Impact, StringComparer.OrdinalIgnoreCase))
            .ToList();
        Assert.True(blocking.Count == 0, $"axe found {blocking.Count} serious/critical violation(s) on {name} ({page.Url}):\n" + Describe(blocking));
    }

    private static string Describe(IEnumerable<AxeResultItem> violations) => string.Join("\n", violations.Select(v =>
        $"- {v.Id} [{v.Impact}] {v.Help}: " + string.Join(" | ", v.Nodes.Take(5).Select(n => n.Target?.ToString() ?? n.Html))));
}
