using BenchmarkDotNet.Running;
using PodBrief.Benchmarks.Insights;

// `dotnet run -c Release --project bench/PodBrief.Benchmarks -- --filter '*'` runs the BenchmarkDotNet suites;
// scale harnesses are separate verbs added next to their feature (see README).
if (args is ["mail-scale", ..])
{
    await PodBrief.Benchmarks.Mail.MailScale.RunAsync(args[1..]);
    return;
}

if (args is ["insights-offline", ..])
{
    await OfflineExtractionHarness.RunAsync(args[1..]);
    return;
}

if (args is ["ranking-scale", ..])
{
    PodBrief.Benchmarks.Ranking.RankingScale.Run(args[1..]);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(OfflineExtractionHarness).Assembly).Run(args);
