using System.Diagnostics;
using System.Text.Json;
using Microsoft.Playwright;
using MimeKit;
using PodBrief.BrowserTests.Harness;
using PodBrief.Core.Common;
using PodBrief.Core.Digests;
using PodBrief.Core.Insights;
using PodBrief.Core.Mail;
using PodBrief.Core.Subscribers;
using PodBrief.Testing;

namespace PodBrief.BrowserTests.Email;

/// <summary>
/// The digest email as a mail client shows it (issue 14 item 1): its .eml is written to the test artifacts, its
/// HTML part rendered in Chromium at phone and desktop widths (screenshots, axe), once with images blocked, and
/// linted against caniemail.com data with @jsx-email/doiuse-email.
/// </summary>
public sealed class DigestEmailRenderingTests(Chromium chromium)
{
    private static readonly DigestEmailComposer Composer = new(
        new AppOptions { OperatorName = "PodBrief Demo", OperatorPostalAddress = "1 Example Street, 10115 Berlin", PublicBaseUrl = "https://brief.example" },
        new SmtpOptions(),
        new SubscriberLinks(new AppOptions { PublicBaseUrl = "https://brief.example" }),
        new DkimMessageSigner(new SmtpOptions()),
        TimeProvider.System);

    private static readonly DigestEmailCard[] Cards =
    [
        new(1, 101, "Distillation: closed models leak their edge", "Large models can be copied cheaply by querying them, which favours open models.",
            "Open Weights Weekly", "Episode 142: Who owns a model?", "https://open-weights.example.com/142", 754, "Because you follow AI & machine learning",
            "If you can query it, you can distill it.", "https://img.example.com/open-weights.png",
            [new AlsoDiscussed(201, 9, "Hard Fork", null, 490), new AlsoDiscussed(202, 10, "Stratechery", null, 2462)]),
        new(2, 102, "Sleep debt cannot be repaid in one weekend", "A week of short nights leaves a deficit that one long lie-in does not clear.",
            "Sleep Lab", null, null, 65, "Because you picked Health", null, null, null),
        new(3, 103, "Counter-positioning: why incumbents won't copy you", "A new business model that hurts the incumbent's existing one is hard to copy.",
            "Business Breakdowns", "Netflix", "https://bb.example.com/netflix", 3723, "You follow Business Breakdowns", "They would have to cannibalise themselves.",
            "https://img.example.com/bb.png", null),
    ];

    private static MimeMessage Message() => Composer.Compose(new DigestEmailContent(7, "<d7@brief.example>", "reader@example.com",
        new DateOnly(2026, 12, 1), "manage-token", "unsub-token", Cards));

    [Fact]
    public async Task The_email_renders_on_phone_and_desktop_and_passes_accessibility_checks()
    {
        chromium.Require();
        var message = Message();
        await message.WriteToAsync(Artifacts.ScreenshotPath("digest-email").Replace(".png", ".eml", StringComparison.Ordinal), TestContext.Current.CancellationToken);
        await using var context = await chromium.NewContextAsync(new Uri("https://brief.example/"));
        var page = await context.NewPageAsync();
        // The artwork hosts do not exist: answer with a 1x1 image so the screenshot shows the layout, not broken images.
        await page.RouteAsync("https://img.example.com/**", route => route.FulfillAsync(new() { ContentType = "image/png", BodyBytes = OnePixelPng }));
        await page.SetContentAsync(message.HtmlBody!);
        Assert.Equal(Cards.Select(c => c.Headline), await page.Locator("h2.headline").AllInnerTextsAsync());
        await PageChecks.CheckAsync(page, "digest-email");

        // Dark mode: the palette switches (prefers-color-scheme) and stays readable (axe checks contrast again).
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        await page.ScreenshotAsync(new() { Path = Artifacts.ScreenshotPath("digest-email-dark"), FullPage = true });
        await PageChecks.AssertAccessibleAsync(page, "digest email (dark)");
    }

    [Fact]
    public async Task With_images_off_the_text_still_carries_every_card()
    {
        chromium.Require();
        var message = Message();
        await using var context = await chromium.NewContextAsync(new Uri("https://brief.example/"));
        var page = await context.NewPageAsync();
        // What a client with images off does: no image is fetched, alt text stands in.
        await page.RouteAsync("**/*", route => route.Request.ResourceType == "image" ? route.AbortAsync() : route.ContinueAsync());
        await page.SetContentAsync(message.HtmlBody!);
        await page.ScreenshotAsync(new() { Path = Artifacts.ScreenshotPath("digest-email-images-off"), FullPage = true });
        var text = await page.Locator("body").InnerTextAsync();
        foreach (var card in Cards)
        {
            Assert.Contains(card.Headline, text, StringComparison.Ordinal);
            Assert.Contains(card.Body, text, StringComparison.Ordinal);
            Assert.Contains(card.WhyLine, text, StringComparison.Ordinal);
            Assert.Contains(TimeLabel.ListenFrom(card.StartSeconds), text, StringComparison.Ordinal);
        }
        Assert.Contains("Also discussed in Hard Fork (08:10), Stratechery (41:02)", text, StringComparison.Ordinal);
        Assert.Contains("3 ideas from 3 shows, picked for you", text, StringComparison.Ordinal);
        Assert.Contains("1 Example Street, 10115 Berlin", text, StringComparison.Ordinal);
        foreach (var img in await page.Locator("img").AllAsync())
        {
            Assert.False(string.IsNullOrWhiteSpace(await img.GetAttributeAsync("alt")), "every image has alt text");
            Assert.NotNull(await img.GetAttributeAsync("width"));
        }
        await PageChecks.AssertAccessibleAsync(page, "digest email (images off)");
    }

    /// <summary>
    /// @jsx-email/doiuse-email checks every HTML element and CSS property against caniemail.com for Gmail,
    /// Apple Mail and Outlook. The layout keeps to what they support or degrades where it is only decoration
    /// (rounded corners, dark-mode media queries): those are listed in <see cref="Tolerated"/>.
    /// </summary>
    [Fact]
    public async Task The_email_passes_the_html_email_lint()
    {
        var folder = Path.Combine(RepositoryPaths.Root, "tests", "PodBrief.BrowserTests", "EmailLint");
        if (!Directory.Exists(Path.Combine(folder, "node_modules", "@jsx-email")))
        {
            await RunAsync("npm", "install --no-audit --no-fund --silent", folder);
        }
        var file = Path.Combine(Path.GetTempPath(), $"podbrief-email-{Guid.NewGuid():N}.html");
        await File.WriteAllTextAsync(file, Message().HtmlBody, TestContext.Current.CancellationToken);
        try
        {
            var output = await RunAsync("node", $"lint.mjs \"{file}\" gmail.* apple-mail.* outlook.*", folder);
            using var result = JsonDocument.Parse(output);
            var errors = result.RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetString()!).ToList();
            var blocking = errors.Where(e => !Tolerated.Any(t => e.Contains(t, StringComparison.Ordinal))).ToList();
            await File.WriteAllTextAsync(Artifacts.ScreenshotPath("digest-email-lint").Replace(".png", ".json", StringComparison.Ordinal), output, TestContext.Current.CancellationToken);
            Assert.True(blocking.Count == 0, "doiuse-email errors:\n" + string.Join("\n", blocking));
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>
    /// Features the lint reports that the layout uses on purpose, each harmless where unsupported. Anything else it
    /// reports (a new element, a layout property) fails the test.
    /// </summary>
    private static readonly string[] Tolerated =
    [
        // Selectors and @media live only in <style>, for dark mode and narrow screens; every style is also inlined,
        // which is what clients that drop <style> (Gmail with non-Google accounts, Outlook for Windows) render.
        "`Type selector`", "`Class selector`", "`Attribute selector`", "`Descendant combinator`", "`@media`",
        // Rounded corners are decoration: square in Outlook for Windows.
        "`border-radius`",
        // The preheader's hiding (display:none, opacity, overflow): where ignored, it is 1px text in the page colour.
        "`display:none`", "`opacity`", "`overflow`",
        // Clients that replace <body> with their own wrapper, and ignore role=presentation on layout tables.
        "`<body> element`", "`role attribute`",
    ];

    private static async Task<string> RunAsync(string tool, string arguments, string folder)
    {
        var start = new ProcessStartInfo(tool, arguments) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(process.ExitCode == 0, $"{tool} {arguments} failed: {await stderr}");
        return await stdout;
    }

    private static readonly byte[] OnePixelPng = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkaPhfDwAE/wH+5sOqKQAAAABJRU5ErkJggg==");
}
