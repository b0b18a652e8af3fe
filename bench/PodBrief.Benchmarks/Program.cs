using BenchmarkDotNet.Running;

// `dotnet run -c Release --project bench/PodBrief.Benchmarks -- --filter '*'` runs the BenchmarkDotNet suites;
// scale harnesses are separate verbs added next to their feature (see README).
if (args is ["ranking-scale", ..])
{
    PodBrief.Benchmarks.Ranking.RankingScale.Run(args[1..]);
    return;
}

// Not typeof(Program): PodBrief.Web (referenced through the test helpers) has a Program too (CS0436).
BenchmarkSwitcher.FromAssembly(typeof(PodBrief.Benchmarks.Ranking.RankingScale).Assembly).Run(args);
