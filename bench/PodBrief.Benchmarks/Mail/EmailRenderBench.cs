using System.Diagnostics;
using System.Globalization;
using PodBrief.Core.Common;
using PodBrief.Core.Digests;
using PodBrief.Core.Insights;
using PodBrief.Core.Mail;
using PodBrief.Core.Subscribers;

namespace PodBrief.Benchmarks.Mail;

/// <summary>
/// `email-render [count]`: the digest HTML rendered from the compiled layout (CSS inlined once, issue 13 item 2)
/// against the old path (fill the layout, then PreMailer per message), alternating in one run on the same
/// contents, then the whole Compose (both parts, MIME) for scale, without and with a batch card cache. Last line:
/// `email-render: compiled <a> msgs/s, per-message inlining <b> msgs/s, ratio <a/b>x, compose <c> msgs/s, with a batch card cache <d> msgs/s`.
/// </summary>
internal static class EmailRenderBench
{
    public static void Run(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1000;
        var composer = new DigestEmailComposer(
            new AppOptions { OperatorName = "PodBrief", OperatorPostalAddress = "1 Example Street, Berlin" },
            new SmtpOptions(),
            new SubscriberLinks(new AppOptions { PublicBaseUrl = "https://podbrief.example" }),
            new DkimMessageSigner(new SmtpOptions()),
            TimeProvider.System);
        var contents = Enumerable.Range(0, count).Select(Content).ToList();
        for (var i = 0; i < 50; i++)
        {
            _ = composer.RenderHtmlBothWays(contents[i % count]);
        }
        // RenderHtmlBothWays builds the view once and renders it both ways; time each way on its own.
        var compiled = Time(contents, c => composer.RenderHtmlBothWays(c, perMessage: false));
        var perMessage = Time(contents, c => composer.RenderHtmlBothWays(c, perMessage: true));
        // Alternating, best of three each: the second timed loop otherwise runs on better-jitted code.
        var compose = double.MaxValue;
        var composeCached = double.MaxValue;
        for (var round = 0; round < 3; round++)
        {
            compose = Math.Min(compose, Time(contents, c => composer.Compose(c)));
            // As the batch sender composes: one card cache per batch (these contents share their five cards).
            var cards = new DigestEmailCardCache();
            composeCached = Math.Min(composeCached, Time(contents, c => composer.Compose(c, cards)));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"email-render: compiled {count / compiled:F0} msgs/s, per-message inlining {count / perMessage:F0} msgs/s, ratio {perMessage / compiled:F1}x, compose {count / compose:F0} msgs/s, with a batch card cache {count / composeCached:F0} msgs/s"));
    }

    private static double Time(List<DigestEmailContent> contents, Action<DigestEmailContent> render)
    {
        var watch = Stopwatch.StartNew();
        foreach (var content in contents)
        {
            render(content);
        }
        return watch.Elapsed.TotalSeconds;
    }

    private static DigestEmailContent Content(int n) => new(
        n, $"digest-{n}@podbrief.example", $"reader{n}@example.com", new DateOnly(2026, 3, 2),
        "m4nag3-t0ken-" + n.ToString(CultureInfo.InvariantCulture).PadLeft(30, '0'),
        "unsub-t0ken-" + n.ToString(CultureInfo.InvariantCulture).PadLeft(31, '0'),
        [.. Enumerable.Range(0, 5).Select(i => new DigestEmailCard(
            (n * 5) + i, 1000 + i, $"Distillation: closed models leak their edge ({i})",
            "A smaller model can be trained cheaply by querying the larger one. This strongly suggests a future dominated by open models.",
            "Show " + (char)('A' + i), "Episode 12: The distillation problem", "https://example.com/episodes/12", 754 + (i * 60), "You follow AI",
            "If you can query it, you can distill it.", "https://img.example.com/show.png",
            [new AlsoDiscussed(9000 + i, 77, "Show Z", null, 490)]))]);
}
