using BenchmarkDotNet.Running;
using PodBrief.Benchmarks.Feeds;

// `dotnet run -c Release --project bench/PodBrief.Benchmarks -- --filter '*'` runs the BenchmarkDotNet suites;
// scale harnesses are separate verbs added next to their feature (see README).
// The harnesses start the app in-process (TestApp); outside a test project WebApplicationFactory needs to be told
// where the web project's content root is.
Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_PODBRIEF_WEB",
    Path.Combine(PodBrief.Testing.RepositoryPaths.Root, "src", "PodBrief.Web"));
if (args is ["feeds-ingest", ..])
{
    await FeedsIngestBench.RunAsync(args[1..]);
    return;
}
if (args is ["feeds-scale", ..])
{
    await FeedsScaleHarness.RunAsync(args[1..]);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(FeedsIngestBench).Assembly).Run(args);
