using System.Diagnostics;
using System.Text;
using PodBrief.Core.Feeds.Parsing;

namespace PodBrief.Benchmarks.Feeds;

/// <summary>
/// `feeds-hostile [depth]`: CPU time our parser spends refusing issue 11's deep-nesting feed (200,000 nested
/// elements, about 1.4 MB; 87 s of CPU before the streaming depth check), against a well-formed flat feed of the
/// same size parsed in full. Last line:
/// `feeds-hostile: depth D (S KiB) refused in C ms CPU; flat feed of the same size parsed in F ms CPU; ratio C/F`.
/// </summary>
internal static class HostileFeedHarness
{
    public static void Run(string[] args)
    {
        var depth = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 200_000;
        var deep = new StringBuilder("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Deep</title>");
        deep.Insert(deep.Length, "<a>", depth).Append('x').Insert(deep.Length, "</a>", depth).Append("</channel></rss>");
        var deepBytes = Encoding.UTF8.GetBytes(deep.ToString());
        var flat = new StringBuilder("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Flat</title>");
        for (var i = 0; flat.Length < deepBytes.Length; i++)
        {
            flat.Append("<item><title>Episode ").Append(i).Append("</title><guid>g").Append(i).Append("</guid></item>");
        }
        var flatBytes = Encoding.UTF8.GetBytes(flat.Append("</channel></rss>").ToString());

        var refused = CpuMilliseconds(() =>
        {
            try
            {
                FeedParser.Parse(deepBytes);
                throw new InvalidOperationException("The deep feed was accepted.");
            }
            catch (FeedParseException)
            {
            }
        });
        var parsed = CpuMilliseconds(() => FeedParser.Parse(flatBytes));
        Console.WriteLine($"feeds-hostile: depth {depth} ({deepBytes.Length / 1024} KiB) refused in {refused:0.0} ms CPU; " +
            $"flat feed of the same size parsed in {parsed:0.0} ms CPU; ratio {refused / parsed:0.00}");
    }

    /// <summary>Best of 5 runs after a warm-up, in process CPU time (all threads), not wall time.</summary>
    private static double CpuMilliseconds(Action action)
    {
        action();
        var best = double.MaxValue;
        using var process = Process.GetCurrentProcess();
        for (var i = 0; i < 5; i++)
        {
            process.Refresh();
            var before = process.TotalProcessorTime;
            action();
            process.Refresh();
            best = Math.Min(best, (process.TotalProcessorTime - before).TotalMilliseconds);
        }
        return best;
    }
}
