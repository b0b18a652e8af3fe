using System.ClientModel;
using System.Globalization;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PodBrief.Core.Insights.Llm;

/// <summary>
/// Runs one LLM call the way every call must run: within today's budget, at most Llm:MaxConcurrency at once in
/// this process, retried on 429 (honouring retry-after-ms / retry-after), 5xx and timeouts with exponential
/// backoff up to Llm:MaxRetries, never retried on other 4xx (bad request, auth, content filter), and recorded
/// in <see cref="LlmUsageLedger"/> attempt by attempt — each attempt also one trace span and one duration sample
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
        for (var attempt = 0; ; attempt++)
        {
            await ledger.EnsureWithinBudgetAsync(cancellationToken);
            TimeSpan? wait;
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
                wait = Classify(ex, attempt, o);
            }
            catch (Exception ex) when (IsTransientTransportFailure(ex, cancellationToken))
            {
                span.Failed(ex.GetType().Name, ex.Message);
                await ledger.RecordAsync(call.Model, call.Operation, call.EpisodeId, null, $"{ex.GetType().Name}: {ex.Message}", cancellationToken);
                wait = attempt < o.MaxRetries ? Backoff(attempt, o) : throw Deferred("the LLM endpoint timed out or was unreachable", o, null);
            }
            finally
            {
                _slots.Release();
            }
            logger.LogWarning("LLM {Operation} for episode {EpisodeId} failed (attempt {Attempt}); retrying in {Delay}.",
                call.Operation, call.EpisodeId, attempt + 1, wait);
            await Task.Delay(wait.Value, cancellationToken);
        }
    }

    /// <summary>How long to wait before retrying, or throws when this failure must not (or can no longer) be retried.</summary>
    private TimeSpan Classify(ClientResultException ex, int attempt, LlmOptions o)
    {
        var status = ex.Status;
        if (status == 429)
        {
            var retryAfter = RetryAfter(ex) ?? Backoff(attempt, o);
            if (attempt >= o.MaxRetries || retryAfter > TimeSpan.FromSeconds(o.MaxRetryDelaySeconds))
            {
                throw Deferred("the LLM endpoint is rate limiting (429)", o, retryAfter);
            }
            return retryAfter;
        }
        if (status is 408 or >= 500 or 0)
        {
            return attempt < o.MaxRetries ? Backoff(attempt, o) : throw Deferred($"the LLM endpoint kept failing (HTTP {status})", o, null);
        }
        var reason = IsContentFilter(ex) ? "blocked by the content filter" : $"rejected with HTTP {status}";
        throw new ExtractionFailedException($"LLM request {reason}: {Describe(ex)}", ex);
    }

    private ExtractionDeferredException Deferred(string why, LlmOptions o, TimeSpan? retryAfter)
    {
        var delay = retryAfter ?? TimeSpan.FromMinutes(15);
        return new ExtractionDeferredException($"Extraction postponed: {why} after {o.MaxRetries + 1} attempts.",
            clock.GetUtcNow().UtcDateTime + delay);
    }

    /// <summary>Azure sends retry-after-ms (milliseconds) and retry-after (seconds or an HTTP date); prefer the precise one.</summary>
    internal static TimeSpan? RetryAfter(ClientResultException ex)
    {
        var headers = ex.GetRawResponse()?.Headers;
        if (headers is null)
        {
            return null;
        }
        if (headers.TryGetValue("retry-after-ms", out var ms) && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var milliseconds))
        {
            return TimeSpan.FromMilliseconds(Math.Max(0, milliseconds));
        }
        if (headers.TryGetValue("retry-after", out var value))
        {
            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
            {
                return TimeSpan.FromSeconds(Math.Max(0, seconds));
            }
            if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
            {
                var until = date - DateTimeOffset.UtcNow;
                return until > TimeSpan.Zero ? until : TimeSpan.Zero;
            }
        }
        return null;
    }

    private static TimeSpan Backoff(int attempt, LlmOptions o)
    {
        var baseMs = o.RetryBaseDelayMilliseconds * Math.Pow(2, attempt);
        // Jitter spreads workers that failed together so they do not retry together.
        return TimeSpan.FromMilliseconds(baseMs * (0.75 + (Random.Shared.NextDouble() * 0.5)));
    }

    private static bool IsTransientTransportFailure(Exception ex, CancellationToken cancellationToken) =>
        ex is HttpRequestException or IOException or TimeoutException
        || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested);

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
