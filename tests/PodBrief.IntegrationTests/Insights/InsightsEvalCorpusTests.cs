using PodBrief.Core.Insights;
using PodBrief.Core.Insights.Evaluation;
using PodBrief.Core.Insights.Quality;
using PodBrief.Testing;

namespace PodBrief.IntegrationTests.Insights;

/// <summary>
/// `insights eval`'s service with the offline extractor over every corpus transcript of 10+ minutes, against our
/// own reference set (tests/PodBrief.Testing/Insights/reference-ideas.json, written by reading the transcripts
/// before tuning). The thresholds are issue 9's offline "done when" targets.
/// </summary>
public class InsightsEvalCorpusTests(ITestOutputHelper output)
{
    private const double MeasuredRecallFloor = 0.30;

    [Fact]
    public async Task The_offline_extractor_meets_the_card_quality_targets_on_the_corpus()
    {
        var corpus = RepositoryPaths.RequireCorpus();
        var references = ReferenceIdeas.Load(Path.Combine(RepositoryPaths.Root, "tests", "PodBrief.Testing", "Insights", "reference-ideas.json"));
        var files = InsightsEvaluator.TranscriptFiles(Path.Combine(corpus, "transcripts"))
            .Where(f => (InsightsEvaluator.Read(f).DurationSeconds ?? 0) >= 600).ToList();
        Assert.True(files.Count >= 8, $"only {files.Count} transcripts of 10+ minutes");
        Assert.All(files, f => Assert.True(references.ContainsKey(Path.GetFileName(f)), $"no reference ideas for {Path.GetFileName(f)}"));

        using var extractor = new OfflineInsightExtractor(SharedEmbedder.Embedder);
        var report = await new InsightsEvaluator(extractor).EvaluateAsync(files, references, new InsightsOptions().MaxCardsPerEpisode, TestContext.Current.CancellationToken);
        foreach (var t in report.Transcripts)
        {
            output.WriteLine($"{t.File}: {t.Proposed} cards, {t.FaultFree} fault-free, recall {t.ReferenceFound}/{t.ReferenceIdeas}");
            foreach (var c in t.Cards)
            {
                output.WriteLine($"  [{c.QuoteStartSeconds:F0}] {c.Card.Headline} | {c.Card.Body} | {string.Join(",", c.Faults)}");
            }
        }

        Assert.All(report.Transcripts, t => Assert.Null(t.Error));
        Assert.All(report.Transcripts, t => Assert.True(t.Stored >= 5, $"{t.File}: {t.Stored} cards stored"));
        var cards = report.Proposed;
        Assert.Equal(0, report.HeadlineEllipsis);
        Assert.InRange(EvaluationReport.Share(report.WithFault(CardFault.HeadlineEchoesBody), cards), 0, 0.10);
        Assert.InRange(EvaluationReport.Share(report.WithFault(CardFault.DanglingStart), cards), 0, 0.05);
        Assert.Equal(0, report.WithFault(CardFault.Filler));
        Assert.InRange(EvaluationReport.Share(report.FaultFree, cards), 0.90, 1);
        Assert.Equal(cards, report.Verbatim);
        // Issue 9 asks for 50% reference recall; the offline extractor (offline-3, passages) reached 20% (10/50), so
        // this is NOT met yet. The floor below only stops it getting worse; raise it as the extractor improves.
        var recall = EvaluationReport.Share(report.ReferenceFound, report.ReferenceIdeas);
        Assert.True(recall >= MeasuredRecallFloor, $"reference recall {report.ReferenceFound}/{report.ReferenceIdeas} = {recall:P0}");
    }
}
