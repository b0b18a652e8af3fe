using System.Text.Json;
using System.Text.RegularExpressions;
using PodBrief.IntegrationTests.Hosting;
using PodBrief.Testing;

namespace PodBrief.IntegrationTests.Insights;

/// <summary>
/// `insights eval --cards` as an operator runs it, output redirected to a file or a log: every reference idea is
/// reported found (by which card) or missed (with the nearest card), and no line is wrapped at the 80 columns a
/// redirected console would otherwise assume.
/// </summary>
public partial class InsightsEvalCliTests
{
    private const string Transcript = "buzzsprout_10-things-rookie-mistakes_12min_namespace-example.srt";

    [Fact]
    public async Task Each_reference_idea_is_reported_found_by_its_card_or_missed_with_the_nearest_card()
    {
        var corpus = RepositoryPaths.RequireCorpus();
        var folder = Directory.CreateTempSubdirectory("podbrief-eval-").FullName;
        File.Copy(Path.Combine(corpus, "transcripts", Transcript), Path.Combine(folder, Transcript));
        var dataDir = Directory.CreateTempSubdirectory("podbrief-cli-").FullName;

        // An idea no card can match: words the episode never says, at its first second.
        var (exit, output) = await EvalAsync(folder, dataDir, ("quantum origami lighthouse marmalade", 1));
        Assert.True(exit == 0, output);
        Assert.Contains("reference ideas: 0/1 found", output, StringComparison.Ordinal);
        var missed = Assert.Single(Lines(output), l => l.StartsWith("    missed [00:00:01]", StringComparison.Ordinal));
        Assert.Contains("nearest card at ", missed, StringComparison.Ordinal);
        Assert.Contains("shares 0 of its 4 content words", missed, StringComparison.Ordinal);
        // The per-transcript summary is far longer than 80 characters and still one line.
        var summary = Assert.Single(Lines(output), l => l.StartsWith(Transcript + ": ", StringComparison.Ordinal));
        Assert.True(summary.Length > 80 && summary.EndsWith("USD", StringComparison.Ordinal), summary);

        // A card's own quote at its own time is an idea that card finds.
        var (time, quote) = FirstStoredCard(output);
        (exit, output) = await EvalAsync(folder, dataDir, (quote, time.TotalSeconds));
        Assert.True(exit == 0, output);
        Assert.Contains("reference ideas: 1/1 found", output, StringComparison.Ordinal);
        Assert.Contains($"    found  [{time:hh\\:mm\\:ss}] “{quote}” by the card at {time:hh\\:mm\\:ss}", output, StringComparison.Ordinal);
    }

    private static async Task<(int Exit, string Output)> EvalAsync(string folder, string dataDir, (string Quote, double Start) idea)
    {
        var reference = Path.Combine(dataDir, "reference.json");
        var ideas = new Dictionary<string, object[]> { [Transcript] = [new { insight = "An idea.", quote = idea.Quote, startSeconds = idea.Start }] };
        await File.WriteAllTextAsync(reference, JsonSerializer.Serialize(ideas), TestContext.Current.CancellationToken);
        return await OperatorCliTests.RunCliAsync(["insights", "eval", folder, "--reference", reference, "--cards"], dataDir);
    }

    private static (TimeSpan Time, string Quote) FirstStoredCard(string output)
    {
        var lines = Lines(output);
        var at = lines.FindIndex(l => CardLine().IsMatch(l));
        Assert.True(at >= 0 && at + 2 < lines.Count, output);
        var time = TimeSpan.Parse(CardLine().Match(lines[at]).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var quote = lines[at + 2].Trim();
        Assert.True(quote.StartsWith('“') && quote.EndsWith('”'), quote);
        return (time, quote[1..^1]);
    }

    private static List<string> Lines(string output) => [.. output.Split('\n').Select(l => l.TrimEnd('\r'))];

    [GeneratedRegex(@"^  \[(\d\d:\d\d:\d\d)\] .+ \(ok\)$")]
    private static partial Regex CardLine();
}
