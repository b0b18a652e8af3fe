using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using PodBrief.Core.Data;
using PodBrief.Core.Transcripts;
using PodBrief.Testing;

namespace PodBrief.Benchmarks.Transcripts;

/// <summary>
/// Parsing cost of real corpus transcripts, as a ratio to a bare pass over the same bytes (UTF-8 decode + line
/// split). Run: <c>dotnet run -c Release --project bench/PodBrief.Benchmarks -- --filter '*TranscriptParsing*'</c>.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(InProcessShortRun))]
public class TranscriptParsingBenchmarks
{
    private byte[] _bytes = [];
    private TranscriptFormat _format;
    private TranscriptDocument _document = null!;

    [Params(
        "talkpython-386_h2o-wave_full-episode_no-voice-tags.vtt",
        "talkpython-386_h2o-wave_full-episode_plain-text-with-timestamps.txt",
        "buzzcast_buzzsprout_28min_speaker-prefixed.srt",
        "buzzcast_buzzsprout_28min_podcastindex.json",
        "buzzcast_buzzsprout_28min_podcastindex.html")]
    public string File { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var corpus = RepositoryPaths.Corpus ?? throw new InvalidOperationException("Set PODBRIEF_CORPUS to the corpus folder.");
        _bytes = System.IO.File.ReadAllBytes(Path.Combine(corpus, "transcripts", File));
        _format = TranscriptFormats.FromUrl(File);
        _document = TranscriptParser.Parse(_bytes, _format);
    }

    [Benchmark(Baseline = true, Description = "bare decode + line split")]
    public int BarePass() => Encoding.UTF8.GetString(_bytes).Split('\n').Length;

    [Benchmark(Description = "parse")]
    public int Parse() => TranscriptParser.Parse(_bytes, _format).Segments.Count;

    [Benchmark(Description = "sentences of a parsed document")]
    public int Sentences() => TranscriptSentences.Split(_document).Count;

    /// <summary>In-process (no per-benchmark project build: the machine is shared), few iterations.</summary>
    private sealed class InProcessShortRun : ManualConfig
    {
        public InProcessShortRun()
        {
            AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance));
            WithOptions(ConfigOptions.DisableOptimizationsValidator);
        }
    }
}
