using Microsoft.Playwright;

namespace PodBrief.BrowserTests.Harness;

/// <summary>
/// Console errors and uncaught exceptions of a page. A CSP violation (e.g. an inline script slipping in) only shows
/// up here, so the journey asserts there are none.
/// </summary>
public static class BrowserErrors
{
    public static IReadOnlyList<string> Collect(IPage page)
    {
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            // Chromium asks for /favicon.ico by itself; a 404 there is not the page's doing (and the site has no icon yet).
            if (message.Type == "error" && !message.Location.Contains("/favicon.ico", StringComparison.Ordinal))
            {
                lock (errors)
                {
                    errors.Add($"console: {message.Text} at {message.Location} (page {page.Url})");
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (errors)
            {
                errors.Add($"page error: {error} ({page.Url})");
            }
        };
        return errors;
    }
}
