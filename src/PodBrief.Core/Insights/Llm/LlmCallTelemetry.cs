using System.Diagnostics;
using Microsoft.Extensions.AI;
using PodBrief.Core.Common;

namespace PodBrief.Core.Insights.Llm;

/// <summary>
/// One LLM attempt as a client span ("chat gpt-4o-mini", after the OpenTelemetry GenAI conventions: operation,
/// model, token usage) and one <c>podbrief.llm.call.duration</c> sample by model, operation and outcome. The
/// outbound HTTP span of the Azure/OpenAI client nests under it. Tokens and cost are counted by
/// <see cref="LlmUsageLedger"/>, which also writes them to the database.
/// </summary>
public sealed class LlmCallTelemetry : IDisposable
{
    private readonly Activity? _activity;
    private readonly LlmCall _call;
    private readonly long _started = Stopwatch.GetTimestamp();
    private bool _finished;

    private LlmCallTelemetry(LlmCall call, int attempt)
    {
        _call = call;
        _activity = PodBriefTelemetry.Activities.StartActivity($"{call.Operation} {call.Model}", ActivityKind.Client);
        if (_activity is null)
        {
            return;
        }
        _activity.SetTag("gen_ai.operation.name", call.Operation);
        _activity.SetTag("gen_ai.request.model", call.Model);
        _activity.SetTag("podbrief.llm.attempt", attempt + 1);
        if (call.EpisodeId is { } episodeId)
        {
            _activity.SetTag("podbrief.episode_id", episodeId);
        }
    }

    public static LlmCallTelemetry Start(LlmCall call, int attempt) => new(call, attempt);

    public void Succeeded(UsageDetails? usage)
    {
        if (_activity is not null && usage is not null)
        {
            _activity.SetTag("gen_ai.usage.input_tokens", usage.InputTokenCount ?? 0);
            _activity.SetTag("gen_ai.usage.output_tokens", usage.OutputTokenCount ?? 0);
        }
        Finish("ok", null);
    }

    /// <param name="errorType">The HTTP status or the exception type, e.g. "429" or "HttpRequestException".</param>
    public void Failed(string errorType, string message)
    {
        _activity?.SetTag("error.type", errorType);
        Finish("failed", message);
    }

    /// <summary>An attempt that ended without <see cref="Succeeded"/> or <see cref="Failed"/> was cancelled or threw something unexpected.</summary>
    public void Dispose() => Finish("aborted", "the call did not complete");

    private void Finish(string outcome, string? error)
    {
        if (_finished)
        {
            return;
        }
        _finished = true;
        PodBriefTelemetry.LlmCallDuration.Record(Stopwatch.GetElapsedTime(_started).TotalSeconds,
            new KeyValuePair<string, object?>("model", _call.Model),
            new KeyValuePair<string, object?>("operation", _call.Operation),
            new KeyValuePair<string, object?>("outcome", outcome));
        if (_activity is null)
        {
            return;
        }
        _activity.SetTag("podbrief.llm.outcome", outcome);
        if (error is not null)
        {
            _activity.SetStatus(ActivityStatusCode.Error, error);
        }
        // Stopped here, not at the end of the retry loop's iteration, so the span excludes the back-off wait.
        _activity.Stop();
    }
}
