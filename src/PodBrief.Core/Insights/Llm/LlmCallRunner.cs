using System.ClientModel;
using System.Globalization;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PodBrief.Core.Common.Resilience;

namespace PodBrief.Core.Insights.Llm;

/// <summary>
/// Runs one LLM call the way every call must run: within today's budget, at most Llm:MaxConcurrency at once in
/// this process, retried by the shared <see cref="ExternalCallPolicy"/> (429 with retry-after, 5xx, timeouts; up
/// to Llm:MaxRetries; never other 4xx), and recorded in <see cref="LlmUsageLedger"/> attempt by attempt — each attempt also one trace span and one duration sample
/// (<see cref="LlmCallTelemetry"/>).
/// </summary>
public sealed class LlmCallRunner(
    IOptions<LlmOptions> options,
    LlmUsageLedger ledger,
    TimeProvider clock,
    ILogger<LlmCallRunner> logger) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(Math.Max(1, options.Value.MaxConcurrency));

    public async Task<T> RunAsync<T>(LlmCall call, Func<CancellationToken, Task<(T Result, UsageDetails? Usage)>> send,
        CancellationToken cancellationToken)
    {
        var o = options.Value;
        var pipeline = ExternalCallPolicy.Build(
            new ExternalCallRetry(o.MaxRetries, TimeSpan.FromMilliseconds(o.RetryBaseDelayMilliseconds), TimeSpan.FromSeconds(o.MaxRetryDelaySeconds)),
            failed =>
            {
                logger.LogWarning("LLM {Operation} for episode {EpisodeId} failed (attempt {Attempt}); retrying in {Delay}.",
                    call.Operation, call.EpisodeId, failed.Attempt, failed.Delay);
                return ValueTask.CompletedTask;
            });
        try
        {
            var attempt = 0;
            return await pipeline.ExecuteAsync(async ct => await AttemptAsync(call, send, attempt++, ct), cancellationToken);
        }
        catch (ClientResultException ex)
        {
            throw GiveUp(ex, o);
        }
        catch (Exception ex) when (ExternalCallPolicy.IsTransient(ex, cancellationToken))
        {
            throw Deferred("the LLM endpoint timed out or was unreachable", o, null);
        }
    }

    /// <summary>One attempt: within today's budget, in one of this process's slots, recorded in the ledger either way.</summary>
    private async Task<T> AttemptAsync<T>(LlmCall call, Func<CancellationToken, Task<(T Result, UsageDetails? Usage)>> send, int attempt,
        CancellationToken cancellationToken)
    {
        await ledger.EnsureWithinBudgetAsync(cancellationToken);
        await _slots.WaitAsync(cancellationToken);
        using var span = LlmCallTelemetry.Start(call, attempt);
        try
        {
            var (result, usage) = await send(cancellationToken);
            span.Succeeded(usage);
            await ledger.RecordAsync(call.Model, call.Operation, call.EpisodeId, usage, null, cancellationToken);
            return result;
        }
        catch (ClientResultException ex)
        {
            span.Failed(ex.Status == 0 ? ex.GetType().Name : ex.Status.ToString(CultureInfo.InvariantCulture), Describe(ex));
            await ledger.RecordAsync(call.Model, call.Operation, call.EpisodeId, null, Describe(ex), cancellationToken);
            throw;
        }
        catch (Exception ex) when (ExternalCallPolicy.IsTransient(ex, cancellationToken))
        {
            span.Failed(ex.GetType().Name, ex.Message);
            await ledger.RecordAsync(call.Model, call.Operation, call.EpisodeId, null, $"{ex.GetType().Name}: {ex.Message}", cancellationToken);
            throw;
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>What a failure the policy did not (or no longer) retry means for the episode.</summary>
    private Exception GiveUp(ClientResultException ex, LlmOptions o)
    {
        var status = ex.Status;
        if (status == 429)
        {
            return Deferred("the LLM endpoint is rate limiting (429)", o, ExternalCallPolicy.RetryAfter(ex));
        }
        if (status is 408 or >= 500 or 0)
        {
            return Deferred($"the LLM endpoint kept failing (HTTP {status})", o, null);
        }
        var reason = IsContentFilter(ex) ? "blocked by the content filter" : $"rejected with HTTP {status}";
        return new ExtractionFailedException($"LLM request {reason}: {Describe(ex)}", ex);
    }

    private ExtractionDeferredException Deferred(string why, LlmOptions o, TimeSpan? retryAfter)
    {
        var delay = retryAfter ?? TimeSpan.FromMinutes(15);
        return new ExtractionDeferredException($"Extraction postponed: {why} after {o.MaxRetries + 1} attempts.",
            clock.GetUtcNow().UtcDateTime + delay);
    }

    private static bool IsContentFilter(ClientResultException ex) =>
        ex.Message.Contains("content_filter", StringComparison.OrdinalIgnoreCase)
        || (ex.GetRawResponse()?.Content?.ToString().Contains("content_filter", StringComparison.OrdinalIgnoreCase) ?? false);

    private static string Describe(ClientResultException ex)
    {
        var message = ex.Message.ReplaceLineEndings(" ").Trim();
        return message.Length <= 500 ? message : message[..500];
    }

    public void Dispose() => _slots.Dispose();
}

/// <summary>What a call is, for the usage ledger: model (deployment), operation (chat/embedding) and episode.</summary>
public sealed record LlmCall(string Model, string Operation, long? EpisodeId);
