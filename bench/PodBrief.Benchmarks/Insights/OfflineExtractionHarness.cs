using System.Diagnostics;
using System.Globalization;
using System.Numerics.Tensors;
using PodBrief.Core.Insights;
using PodBrief.Core.Insights.Evaluation;
using PodBrief.Testing.Insights;

namespace PodBrief.Benchmarks.Insights;

/// <summary>
/// `insights-offline [corpus-dir] [--cards]`: runs the offline extractor over every corpus transcript and reports
/// seconds of extraction per hour of audio (model load excluded, measured separately), plus the cosine
/// similarity distribution between cards of different transcripts that the dedupe threshold is tuned on.
/// </summary>
internal static class OfflineExtractionHarness
{
    public static async Task RunAsync(string[] args)
    {
        var corpus = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal))
            ?? Environment.GetEnvironmentVariable("PODBRIEF_CORPUS") ?? "../shared/corpus";
        var printCards = args.Contains("--cards");
        using var embedder = new LocalMiniLmEmbedder();
        using var extractor = new OfflineInsightExtractor(embedder);
        var topics = DefaultTopics.All.Select(t => new TopicChoice(t.Slug, t.Name, t.Description)).ToList();

        var load = Stopwatch.StartNew();
        await embedder.EmbedAsync(["warm up"], CancellationToken.None);
        load.Stop();
        Console.WriteLine($"model load + first call: {load.Elapsed.TotalSeconds:F2} s");

        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var totalAudio = 0.0;
        var totalSeconds = 0.0;
        var all = new List<(string File, ExtractedCard Card, float[] Vector)>();
        foreach (var file in InsightsEvaluator.TranscriptFiles(Path.Combine(corpus, "transcripts")))
        {
            var document = InsightsEvaluator.Read(file);
            var duration = document.DurationSeconds ?? 0;
            var watch = Stopwatch.StartNew();
            var result = await extractor.ExtractAsync(new ExtractionRequest(0, null, null, document, topics, new InsightsOptions().MaxCardsPerEpisode), CancellationToken.None);
            watch.Stop();
            totalAudio += duration;
            totalSeconds += watch.Elapsed.TotalSeconds;
            Console.WriteLine($"{Path.GetFileName(file),-80} {duration / 60,6:F1} min {result.Cards.Count} cards {watch.Elapsed.TotalSeconds,6:F2} s");
            var vectors = result.Cards.Count == 0 ? [] : await embedder.EmbedAsync(result.Cards.Select(c => c.Headline + " " + c.Body).ToList(), CancellationToken.None);
            for (var i = 0; i < result.Cards.Count; i++)
            {
                all.Add((Path.GetFileName(file), result.Cards[i], vectors[i]));
                if (printCards)
                {
                    var c = result.Cards[i];
                    Console.WriteLine($"   [{c.Importance:F2}] {c.Headline}\n      {c.Body}\n      topics={string.Join(",", c.TopicSlugs)} keywords={string.Join(",", c.Keywords)}");
                }
            }
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"offline extraction: {totalSeconds:F1} s for {totalAudio / 3600:F2} h of audio = {totalSeconds / (totalAudio / 3600):F1} s per hour of transcript"));
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  process CPU time: {cpu:F1} s = {cpu / (totalAudio / 3600):F1} CPU-s per hour (wall time rises when other work shares the cores)"));
        ReportSimilarities(all);
        await ReportSentenceSimilaritiesAsync(corpus, embedder);
        await ReportPairsAsync(embedder);
    }

    /// <summary>Nearest neighbours among all eligible sentences of different episodes (one rendering per episode):
    /// how close do unrelated claims of related shows get?</summary>
    private static async Task ReportSentenceSimilaritiesAsync(string corpus, LocalMiniLmEmbedder embedder)
    {
        var byEpisode = InsightsEvaluator.TranscriptFiles(Path.Combine(corpus, "transcripts")).GroupBy(f => string.Join('_', Path.GetFileName(f).Split('_').Take(2))).Select(g => g.First());
        var sentences = new List<(string Episode, string Text, float[] Vector)>();
        foreach (var file in byEpisode)
        {
            var texts = OfflineSentenceBuilder.Build(InsightsEvaluator.Read(file))
                .Where(SentenceInformativeness.IsEligible).Select(s => s.Text).Take(250).ToList();
            if (texts.Count == 0)
            {
                continue;
            }
            var vectors = await embedder.EmbedAsync(texts, CancellationToken.None);
            sentences.AddRange(texts.Select((t, i) => (Path.GetFileName(file), t, vectors[i])));
        }
        var nearest = sentences.Select(s => sentences.Where(o => o.Episode != s.Episode)
            .Select(o => (Score: (double)TensorPrimitives.Dot(s.Vector, o.Vector), o.Text)).MaxBy(x => x.Score)).ToList();
        Console.WriteLine("nearest-neighbour cosine, all eligible sentences across episodes: " + Describe(nearest.Select(n => n.Score).ToList()));
        foreach (var (pair, index) in nearest.Select((n, i) => (n, i)).OrderByDescending(x => x.n.Score).Take(6))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {pair.Score:F3}  \"{sentences[index].Text}\"  ~  \"{pair.Text}\""));
        }
    }

    private static async Task ReportPairsAsync(LocalMiniLmEmbedder embedder)
    {
        (string Name, IReadOnlyList<(string A, string B)> Pairs)[] groups =
        [
            ("same claim, reworded", DedupePairs.SameClaim),
            ("same subject, different claim", DedupePairs.DifferentClaims),
            ("borderline rewording", [DedupePairs.Borderline]),
        ];
        foreach (var (name, pairs) in groups)
        {
            var scores = new List<double>();
            foreach (var (a, b) in pairs)
            {
                var v = await embedder.EmbedAsync([a, b], CancellationToken.None);
                scores.Add(TensorPrimitives.Dot(v[0], v[1]));
            }
            Console.WriteLine($"hand-written pairs, {name}: " + string.Join(" ", scores.Select(s => s.ToString("F3", CultureInfo.InvariantCulture))));
        }
    }

    /// <summary>Nearest-neighbour cosine of each card among cards of other files, split by whether the other file
    /// is a rendering of the same episode (file names share the episode prefix) or a different episode.</summary>
    private static void ReportSimilarities(List<(string File, ExtractedCard Card, float[] Vector)> cards)
    {
        static string Episode(string file) => string.Join('_', file.Split('_').Take(2));
        var same = new List<double>();
        var different = new List<double>();
        foreach (var (file, _, vector) in cards)
        {
            var bestSame = cards.Where(o => o.File != file && Episode(o.File) == Episode(file)).Select(o => (double)TensorPrimitives.Dot(vector, o.Vector)).DefaultIfEmpty(double.NaN).Max();
            var bestOther = cards.Where(o => Episode(o.File) != Episode(file)).Select(o => (double)TensorPrimitives.Dot(vector, o.Vector)).DefaultIfEmpty(double.NaN).Max();
            if (!double.IsNaN(bestSame))
            {
                same.Add(bestSame);
            }
            if (!double.IsNaN(bestOther))
            {
                different.Add(bestOther);
            }
        }
        Console.WriteLine("nearest-neighbour cosine, same episode in another format: " + Describe(same));
        Console.WriteLine("nearest-neighbour cosine, different episodes:             " + Describe(different));
        foreach (var threshold in new[] { 0.70, 0.75, 0.80, 0.85, 0.90 })
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  threshold {threshold:F2}: same-episode pairs joined {same.Count(s => s >= threshold)}/{same.Count}, different-episode pairs joined {different.Count(s => s >= threshold)}/{different.Count}"));
        }
    }

    private static string Describe(List<double> values)
    {
        if (values.Count == 0)
        {
            return "none";
        }
        var sorted = values.Order().ToList();
        double At(double q) => sorted[(int)Math.Min(sorted.Count - 1, Math.Round(q * (sorted.Count - 1)))];
        return string.Create(CultureInfo.InvariantCulture,
            $"n={sorted.Count} min={sorted[0]:F3} p10={At(0.1):F3} p50={At(0.5):F3} p90={At(0.9):F3} max={sorted[^1]:F3}");
    }
}
