using BenchmarkDotNet.Running;

// `dotnet run -c Release --project bench/PodBrief.Benchmarks -- --filter '*'` runs the BenchmarkDotNet suites;
// scale harnesses are separate verbs added next to their feature (see README).
// Not typeof(Program): PodBrief.Web (referenced through the test helpers) has a Program too (CS0436).
BenchmarkSwitcher.FromAssembly(typeof(PodBrief.Benchmarks.Transcripts.TranscriptParsingBenchmarks).Assembly).Run(args);
