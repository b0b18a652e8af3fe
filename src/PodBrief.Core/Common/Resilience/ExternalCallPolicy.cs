using System.ClientModel;
using System.Globalization;
using Polly;
using Polly.Retry;

namespace PodBrief.Core.Common.Resilience;

/// <summary>How often and how long to retry one kind of external call.</summary>
/// <param name="MaxRetries">Retries after the first attempt (so at most MaxRetries + 1 attempts).</param>
/// <param name="BaseDelay">First back-off; doubles per retry, with jitter.</param>
/// <param name="MaxRetryAfter">A server asking to wait longer than this is not waited for in-process: the call gives up.</param>
public sealed record ExternalCallRetry(int MaxRetries, TimeSpan BaseDelay, TimeSpan MaxRetryAfter);

/// <summary>One failed attempt, as the caller records it.</summary>
public sealed record FailedAttempt(int Attempt, Exception Error, TimeSpan Delay);

/// <summary>
/// The one retry policy for every paid external call — LLM chat, embeddings, speech to text — built on Polly:
/// retried on 429 (honouring retry-after-ms / retry-after), 408, 5xx, timeouts and dropped connections, with
/// exponential back-off and jitter; never on other 4xx (bad request, auth, content filter). The SDKs' own retry
/// policies are switched off wherever this is used, so retries never stack (4 SDK tries × 4 of ours).
/// </summary>
public static class ExternalCallPolicy
{
    /// <summary>
    /// A pipeline for one call. <paramref name="onRetry"/> sees every failed attempt that will be retried; the
    /// delay is real time on purpose (a test's fake clock must not stall a retry).
    /// </summary>
    public static ResiliencePipeline Build(ExternalCallRetry retry, Func<FailedAttempt, ValueTask>? onRetry = null) =>
        new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions
        {
            MaxRetryAttempts = Math.Max(0, retry.MaxRetries) is 0 ? 1 : retry.MaxRetries,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = retry.BaseDelay,
            MaxDelay = retry.MaxRetryAfter,
            ShouldHandle = args => ValueTask.FromResult(
                retry.MaxRetries > 0 && args.Outcome.Exception is { } ex && IsTransient(ex, args.Context.CancellationToken)
                && !(RetryAfter(ex) > retry.MaxRetryAfter)),
            DelayGenerator = args => ValueTask.FromResult(args.Outcome.Exception is { } ex ? RetryAfter(ex) : null),
            OnRetry = args => onRetry is null || args.Outcome.Exception is null
                ? ValueTask.CompletedTask
                : onRetry(new FailedAttempt(args.AttemptNumber + 1, args.Outcome.Exception, args.RetryDelay)),
        }).Build();

    /// <summary>Worth another attempt: rate limiting, server trouble, timeouts, network failures.</summary>
    public static bool IsTransient(Exception ex, CancellationToken cancellationToken) => ex switch
    {
        ClientResultException client => client.Status is 429 or 408 or 0 or >= 500,
        HttpRequestException or IOException or TimeoutException => true,
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };

    /// <summary>Azure sends retry-after-ms (milliseconds) and retry-after (seconds or an HTTP date); the precise one wins.</summary>
    public static TimeSpan? RetryAfter(Exception ex)
    {
        var headers = (ex as ClientResultException)?.GetRawResponse()?.Headers;
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
}
