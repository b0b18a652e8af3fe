using BenchmarkDotNet.Running;

// `dotnet run -c Release --project bench/PodBrief.Benchmarks -- --filter '*'` runs the BenchmarkDotNet suites;
// scale harnesses are separate verbs added next to their feature (see README).
if (args is ["mail-scale", ..])
{
    await PodBrief.Benchmarks.Mail.MailScale.RunAsync(args[1..]);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(PodBrief.Benchmarks.Mail.MailScale).Assembly).Run(args);
