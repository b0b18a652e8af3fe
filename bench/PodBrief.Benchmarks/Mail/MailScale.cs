using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using MimeKit;
using PodBrief.Core.Common;
using PodBrief.Core.Digests;
using PodBrief.Core.Mail;
using PodBrief.Core.Subscribers;
using PodBrief.Testing;

namespace PodBrief.Benchmarks.Mail;

/// <summary>
/// `mail-scale [messages]`: digest render throughput, then SMTP throughput of <see cref="SmtpMailTransport"/> into
/// a raw loopback sink (pool of 4 vs 1 reused connection vs a new connection per message), and the SmtpServer
/// package's own ceiling beside it. Figures are messages/s within one run; compare them as ratios.
/// </summary>
internal static class MailScale
{
    public static async Task RunAsync(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2000;
        var composer = new DigestEmailComposer(
            new AppOptions { OperatorName = "PodBrief", OperatorPostalAddress = "1 Example Street, Berlin" },
            new SmtpOptions(),
            new SubscriberLinks(new AppOptions { PublicBaseUrl = "https://podbrief.example" }),
            new DkimMessageSigner(new SmtpOptions()),
            TimeProvider.System);

        // Render: compose (HTML + CSS inlining + text) and serialize, as the send path does.
        for (var i = 0; i < 50; i++)
        {
            await composer.Compose(Content(i)).WriteToAsync(Stream.Null);
        }
        var messages = new MimeMessage[count];
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            messages[i] = composer.Compose(Content(i));
        }
        var composeSeconds = watch.Elapsed.TotalSeconds;
        var size = 0L;
        watch.Restart();
        foreach (var message in messages)
        {
            using var buffer = new MemoryStream();
            await message.WriteToAsync(buffer);
            size += buffer.Length;
        }
        var serializeSeconds = watch.Elapsed.TotalSeconds;
        Report("render: compose 5-card digest", count, composeSeconds, $"avg {size / count / 1024.0:F1} KiB per message");
        Report("render: serialize to MIME", count, serializeSeconds, "");
        Report("render: compose + serialize", count, composeSeconds + serializeSeconds, "");

        await using (var raw = new RawSmtpSink())
        {
            await SmtpRunAsync("smtp raw sink: pool of 4, 8 concurrent senders", raw.Port, messages, poolSize: 4, senders: 8, reuse: true, () => raw.Connections);
            await SmtpRunAsync("smtp raw sink: 1 reused connection", raw.Port, messages, poolSize: 1, senders: 1, reuse: true, () => raw.Connections);
            var perMessage = messages.Take(Math.Min(count, 400)).ToArray();
            await SmtpRunAsync("smtp raw sink: new connection per message", raw.Port, perMessage, poolSize: 1, senders: 1, reuse: false, () => raw.Connections);
            await SmtpRunAsync("smtp raw sink: new connection per message, 4 at once", raw.Port, perMessage, poolSize: 4, senders: 8, reuse: false, () => raw.Connections);
            Console.WriteLine($"raw sink counted {raw.Messages} messages on {raw.Connections} connections");
        }

        await using (var package = await SmtpSink.StartAsync())
        {
            var few = messages.Take(Math.Min(count, 200)).ToArray();
            await SmtpRunAsync("SmtpServer package sink: 1 reused connection (its ceiling)", package.Port, few, poolSize: 1, senders: 1, reuse: true, () => package.Sessions);
            await SmtpRunAsync("SmtpServer package sink: pool of 4", package.Port, few, poolSize: 4, senders: 8, reuse: true, () => package.Sessions);
        }
    }

    private static async Task SmtpRunAsync(string label, int port, MimeMessage[] messages, int poolSize, int senders, bool reuse, Func<long> connections)
    {
        var options = new SmtpOptions { Host = "127.0.0.1", Port = port, Security = SmtpSecurity.None, PoolSize = poolSize, TimeoutSeconds = 30 };
        await using var transport = new SmtpMailTransport(options, NullLogger<SmtpMailTransport>.Instance) { ReuseConnections = reuse };
        var before = connections();
        var next = -1;
        var failures = 0;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, senders).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < messages.Length)
            {
                var result = await transport.SendAsync(messages[i], CancellationToken.None);
                if (result.Outcome != MailSendOutcome.Sent)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        })));
        Report(label, messages.Length, watch.Elapsed.TotalSeconds,
            $"connections opened {transport.ConnectionsOpened} (sink saw {connections() - before}), failures {failures}");
    }

    private static void Report(string label, int count, double seconds, string note) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label,-62} {count,6} msgs in {seconds,7:F2} s = {count / seconds,9:F0} msgs/s  {note}"));

    private static DigestEmailContent Content(int n) => new(
        DigestId: n,
        MessageId: $"digest-{n}@podbrief.example",
        RecipientEmail: $"reader{n}@example.com",
        LocalDate: new DateOnly(2026, 3, 2),
        ManageToken: "m4nag3-t0ken-" + n.ToString(CultureInfo.InvariantCulture).PadLeft(30, '0'),
        UnsubscribeToken: "unsub-t0ken-" + n.ToString(CultureInfo.InvariantCulture).PadLeft(31, '0'),
        Cards: [.. Enumerable.Range(0, 5).Select(i => new DigestEmailCard(
            DigestItemId: (n * 5) + i,
            InsightCardId: 1000 + i,
            Headline: $"Large, centralized AI models are vulnerable to distillation attacks ({i})",
            Body: "A smaller model can be trained cheaply by querying the larger one. This technical reality strongly suggests a future dominated by decentralized, open-source models.",
            PodcastTitle: "Hard Fork",
            EpisodeTitle: "Episode 12: The distillation problem",
            EpisodeUrl: "https://example.com/episodes/12",
            StartSeconds: i == 4 ? null : 754 + (i * 60),
            WhyLine: "You follow AI"))]);
}
