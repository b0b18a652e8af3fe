using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using PodBrief.Core.Data;
using PodBrief.Core.Insights.Llm;
using PodBrief.Core.Transcripts;
using PodBrief.Testing;
using static PodBrief.IntegrationTests.Insights.Llm.LlmTestKit;

namespace PodBrief.IntegrationTests.Insights.Llm;

/// <summary>
/// Issue 4's cost target: LLM input tokens sent per transcript token on the longest corpus transcript ≤ 1.25 —
/// chunk overlap, prompts, topic list and the consolidation call are the only overhead. Counted with the o200k
/// tokenizer over every message the fake server received. Deterministic, so it is a test, not a timing benchmark.
/// </summary>
public partial class LlmTokenOverheadTests
{
    public const string LongestTranscript = "talkpython-386_h2o-wave_full-episode_no-voice-tags.vtt";

    [Fact]
    public async Task Input_tokens_per_transcript_token_stay_within_one_and_a_quarter()
    {
        var path = Path.Combine(RepositoryPaths.RequireCorpus(), "transcripts", LongestTranscript);
        var transcript = ReadVtt(path);
        await using var server = await FakeOpenAiServer.StartAsync();
        // A model that fills every chunk with six grounded cards, so the consolidation call is paid too.
        server.ChatResponder = request => request.System.Contains("pick the strongest", StringComparison.Ordinal)
            ? """{"selected":[{"index":0,"importance":0.9},{"index":3,"importance":0.8}]}"""
            : SixCardsFrom(request.User);
        await using var app = await StartAppAsync(server, extra: new() { ["Llm:DailyBudgetUsd"] = "0" });

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var result = await app.ExtractAsync(Request(transcript: transcript));
        watch.Stop();

        var transcriptTokens = LlmTranscriptChunker.CountTokens(transcript.ToPlainText());
        var sent = server.ChatRequests.Sum(r => r.Messages.Sum(m => LlmTranscriptChunker.CountTokens(m.Content)));
        var ratio = (double)sent / transcriptTokens;
        TestContext.Current.SendDiagnosticMessage(
            $"{LongestTranscript}: {transcriptTokens} transcript tokens, {server.ChatRequests.Count} calls, {sent} input tokens sent, ratio {ratio:0.000}");
        // Also left beside the test binaries, for the report and for CI logs.
        await File.WriteAllTextAsync(Path.Combine(AppContext.BaseDirectory, "llm-token-overhead.txt"),
            $"LLM input tokens per transcript token: {ratio:0.000} ({sent}/{transcriptTokens}, {server.ChatRequests.Count} calls, " +
            $"extraction {watch.Elapsed.TotalSeconds:0.0} s)\n" + string.Join("\n", server.ChatRequests.Select(r =>
                $"{r.System[..30]} | user {LlmTranscriptChunker.CountTokens(r.User)} tokens")), TestContext.Current.CancellationToken);
        Assert.True(server.ChatRequests.Count >= 2, "the longest transcript should need more than one call");
        Assert.Equal(2, result.Cards.Count);
        Assert.InRange(ratio, 1.0, 1.25);
    }

    private static string SixCardsFrom(string user)
    {
        var start = user.IndexOf("<transcript>", StringComparison.Ordinal) + "<transcript>".Length;
        var words = user[start..].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var cards = Enumerable.Range(0, 6).Select(i =>
        {
            var at = (words.Length / 7) * (i + 1);
            var quote = string.Join(' ', words.Skip(at).Take(15));
            return Card($"Idea number {i}", $"Claim {i} is stated plainly here, with the consequence it has for every listener of the show.", quote, 0.5 + (i / 20.0));
        });
        return JsonSerializer.Serialize(new { cards });
    }

    /// <summary>A minimal WebVTT reader (cue timings, text, &lt;v&gt; speakers); the real parser lives with the transcripts feature.</summary>
    internal static TranscriptDocument ReadVtt(string path)
    {
        var segments = new List<TranscriptSegment>();
        var lines = File.ReadAllLines(path);
        for (var i = 0; i < lines.Length; i++)
        {
            var timing = Timing().Match(lines[i]);
            if (!timing.Success)
            {
                continue;
            }
            var text = new List<string>();
            while (i + 1 < lines.Length && lines[i + 1].Trim().Length > 0)
            {
                text.Add(lines[++i].Trim());
            }
            var joined = string.Join(' ', text);
            var speaker = Voice().Match(joined) is { Success: true } v ? v.Groups[1].Value.Trim() : null;
            var plain = Tags().Replace(joined, "").Trim();
            if (plain.Length > 0)
            {
                segments.Add(new TranscriptSegment(Seconds(timing.Groups[1].Value), Seconds(timing.Groups[2].Value), speaker, plain));
            }
        }
        return new TranscriptDocument(segments, TranscriptFormat.WebVtt, TranscriptProvenance.Publisher, "en");
    }

    private static double Seconds(string stamp)
    {
        var parts = stamp.Split(':');
        var seconds = double.Parse(parts[^1], CultureInfo.InvariantCulture);
        var factor = 60;
        for (var k = parts.Length - 2; k >= 0; k--, factor *= 60)
        {
            seconds += int.Parse(parts[k], CultureInfo.InvariantCulture) * factor;
        }
        return seconds;
    }

    [GeneratedRegex(@"^\s*([\d:.]+)\s+-->\s+([\d:.]+)")]
    private static partial Regex Timing();

    [GeneratedRegex(@"<v(?:\.[^ >]*)?\s+([^>]+)>")]
    private static partial Regex Voice();

    [GeneratedRegex(@"<[^>]+>")]
    private static partial Regex Tags();
}
