using BenchmarkDotNet.Running;
using PodBrief.Benchmarks.Feeds;
using PodBrief.Benchmarks.Insights;

// `dotnet run -c Release --project bench/PodBrief.Benchmarks -- --filter '*'` runs the BenchmarkDotNet suites;
// scale harnesses are separate verbs added next to their feature (see README).
// The harnesses start the app in-process (TestApp); outside a test project WebApplicationFactory needs to be told
// where the web project's content root is.
Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_PODBRIEF_WEB",
    Path.Combine(PodBrief.Testing.RepositoryPaths.Root, "src", "PodBrief.Web"));

switch (args)
{
    case ["feeds-ingest", ..]:
        await FeedsIngestBench.RunAsync(args[1..]);
        return;
    case ["feeds-scale", ..]:
        await FeedsScaleHarness.RunAsync(args[1..]);
        return;
    case ["insights-offline", ..]:
        await OfflineExtractionHarness.RunAsync(args[1..]);
        return;
    case ["ranking-scale", ..]:
        PodBrief.Benchmarks.Ranking.RankingScale.Run(args[1..]);
        return;
    case ["digests-scale", ..]:
        await PodBrief.Benchmarks.Digests.DigestsScaleHarness.RunAsync(args[1..]);
        return;
    case ["mail-scale", ..]:
        await PodBrief.Benchmarks.Mail.MailScale.RunAsync(args[1..]);
        return;
    default:
        BenchmarkSwitcher.FromAssembly(typeof(FeedsIngestBench).Assembly).Run(args);
        return;
}
