using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace PodBrief.Core.Digests;

/// <summary>
/// Time spent per phase of the daily run (load, rank, persist, claim, render, send, mark), as a
/// System.Diagnostics.Metrics histogram any listener (OpenTelemetry, dotnet-counters, the scale harness) can read.
/// Each sample is one batch's wall time in that phase; concurrent batches overlap, so the sums exceed wall time.
/// </summary>
public static class DigestRunMetrics
{
    public const string MeterName = "PodBrief.Digests";
    public const string PhaseInstrument = "podbrief.digests.phase.duration";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Histogram<double> Phase = Meter.CreateHistogram<double>(PhaseInstrument, "s", "Wall time of one batch in one phase of the digest run");

    public static PhaseTimer Time(string phase) => new(phase, Stopwatch.GetTimestamp());

    public readonly struct PhaseTimer(string phase, long started) : IDisposable
    {
        public void Dispose() =>
            Phase.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("phase", phase));
    }
}
