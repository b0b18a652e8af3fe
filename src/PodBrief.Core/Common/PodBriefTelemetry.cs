using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace PodBrief.Core.Common;

/// <summary>
/// PodBrief's own traces and metrics, as plain System.Diagnostics types so Core needs no OpenTelemetry package:
/// the web host subscribes to <see cref="Name"/> and exports (OTLP when configured, Prometheus at /metrics).
/// Names follow the OpenTelemetry conventions (dotted, unit in the instrument, tags in snake_case).
/// </summary>
public static class PodBriefTelemetry
{
    public const string Name = "PodBrief";

    public static readonly ActivitySource Activities = new(Name);

    private static readonly Meter Meter = new(Name);

    public static readonly Counter<long> FeedsPolled = Meter.CreateCounter<long>("podbrief.feeds.polled", "{feed}", "Feed polls, by outcome (ok, failed).");

    public static readonly Counter<long> EpisodesDiscovered = Meter.CreateCounter<long>("podbrief.episodes.discovered", "{episode}", "New episodes found in feeds.");

    public static readonly Counter<long> TranscriptsStored = Meter.CreateCounter<long>("podbrief.transcripts.stored", "{transcript}", "Transcripts stored, by provenance.");

    public static readonly Counter<long> CardsStored = Meter.CreateCounter<long>("podbrief.cards.stored", "{card}", "Insight cards stored, by extractor.");

    public static readonly Counter<long> Digests = Meter.CreateCounter<long>("podbrief.digests", "{digest}", "Digests reaching a state (sent, failed, unknown, skipped, empty).");

    public static readonly Histogram<double> SmtpSendDuration = Meter.CreateHistogram<double>("podbrief.smtp.send.duration", "s", "Time to hand one message to the mail transport.");

    public static readonly Counter<long> LlmTokens = Meter.CreateCounter<long>("podbrief.llm.tokens", "{token}", "LLM tokens, by model and kind (input, output, cached_input).");

    public static readonly Histogram<double> LlmCallDuration = Meter.CreateHistogram<double>("podbrief.llm.call.duration", "s", "Time of one LLM or embedding request (one attempt), by model, operation and outcome.");

    public static readonly Counter<double> LlmCost = Meter.CreateCounter<double>("podbrief.llm.cost", "USD", "Estimated LLM spend, by model.");
}
