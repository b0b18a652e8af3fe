using Microsoft.Playwright;

namespace PodBrief.BrowserTests.Harness;

/// <summary>
/// One headless Chromium per test run (Debian's package: Playwright cannot download browsers here), shared by the
/// tests through an assembly fixture. Each test gets its own browser context, so cookies never leak between tests.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    /// <summary>Debian's chromium; PODBRIEF_CHROMIUM points elsewhere (e.g. to check the skip path).</summary>
    public static string ExecutablePath { get; } =
        Environment.GetEnvironmentVariable("PODBRIEF_CHROMIUM") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";

    // Quiet, offline, deterministic: no sandbox (runs as root in CI), no GPU, no background calls home.
    private static readonly string[] LaunchArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private string? _unavailableReason;

    public static bool Required => Environment.GetEnvironmentVariable("PODBRIEF_REQUIRE_BROWSER") == "1";

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            _unavailableReason = $"Chromium not found at {ExecutablePath} (install Debian's chromium package; set PODBRIEF_REQUIRE_BROWSER=1 to fail instead).";
            return;
        }
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = LaunchArgs,
        });
    }

    /// <summary>The browser, or skips the calling test (fails it with PODBRIEF_REQUIRE_BROWSER=1) when there is none.</summary>
    public IBrowser Require()
    {
        if (_browser is not null)
        {
            return _browser;
        }
        if (Required)
        {
            Assert.Fail(_unavailableReason ?? "Chromium did not start.");
        }
        Assert.Skip(_unavailableReason ?? "Chromium did not start.");
        throw new InvalidOperationException("unreachable");
    }

    /// <summary>A fresh context (own cookies) at desktop size; <paramref name="javaScript"/> off tests the no-JS path.</summary>
    public async Task<IBrowserContext> NewContextAsync(Uri baseUri, bool javaScript = true, HttpCredentials? credentials = null)
    {
        var context = await Require().NewContextAsync(new BrowserNewContextOptions
        {
            HttpCredentials = credentials,
            BaseURL = baseUri.ToString(),
            ViewportSize = ScreenSizes.Desktop,
            JavaScriptEnabled = javaScript,
            Locale = "en-US",
            TimezoneId = "Europe/Berlin",
        });
        // Playwright's own default: a POST and the page it redirects to once took more than 15 s on a loaded 2-core CI machine.
        context.SetDefaultTimeout(30_000);
        return context;
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
        _playwright?.Dispose();
    }
}

public static class ScreenSizes
{
    public static ViewportSize Phone => new() { Width = 390, Height = 844 };
    public static ViewportSize Desktop => new() { Width = 1280, Height = 800 };
}
