using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using PodBrief.Core.Common;

namespace PodBrief.Web.Hosting;

/// <summary>Section "RateLimits": how many signup / magic-link requests one IP and one address may make.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";
    public int PerIpPermits { get; set; } = 20;
    public int PerIpWindowSeconds { get; set; } = 600;
    public int PerAddressPermits { get; set; } = 3;
    public int PerAddressWindowSeconds { get; set; } = 3600;
    /// <summary>"Add a show" makes the server fetch a URL the subscriber chose: a few a day each.</summary>
    public int FeedAddsPerSubscriber { get; set; } = 5;
    public int FeedAddWindowSeconds { get; set; } = 86400;
    /// <summary>Failed admin logins per client before 429 (issue 11: 300 guesses in 0.2 s went unanswered).</summary>
    public int AdminFailuresPerIp { get; set; } = 10;
    public int AdminFailureWindowSeconds { get; set; } = 900;
}

/// <summary>
/// Signup and "mail me a link" POSTs send email, so they are limited per client IP (middleware) and per
/// address (<see cref="AddressRateLimiter"/>, checked in the page once the address is parsed). 429 + Retry-After.
/// </summary>
internal static class SignupRateLimits
{
    /// <summary>The per-IP policy of every page whose POST sends email ([EnableRateLimiting] on its page model).</summary>
    public const string PolicyName = "mail-sending";

    public static void AddSignupRateLimits(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section)
            .Validate(o => o.PerIpPermits > 0 && o.PerIpWindowSeconds > 0, "RateLimits:PerIpPermits and RateLimits:PerIpWindowSeconds must be positive.")
            .Validate(o => o.PerAddressPermits > 0 && o.PerAddressWindowSeconds > 0, "RateLimits:PerAddressPermits and RateLimits:PerAddressWindowSeconds must be positive.")
            .Validate(o => o.FeedAddsPerSubscriber > 0 && o.FeedAddWindowSeconds > 0, "RateLimits:FeedAddsPerSubscriber and RateLimits:FeedAddWindowSeconds must be positive.")
            .Validate(o => o.AdminFailuresPerIp > 0 && o.AdminFailureWindowSeconds > 0, "RateLimits:AdminFailuresPerIp and RateLimits:AdminFailureWindowSeconds must be positive.")
            .ValidateOnStart();
        builder.Services.AddSingleton<AddressRateLimiter>();
        builder.Services.AddSingleton<FeedAddRateLimiter>();
        builder.Services.AddSingleton<AdminLoginLimiter>();
        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Attached to the endpoints (the signup and magic-link pages), not to path strings: issue 11 found /Index,
            // /INDEX/ and /manage/ each reaching the page past a limiter that compared exact paths.
            options.AddPolicy(PolicyName, context =>
            {
                if (!HttpMethods.IsPost(context.Request.Method))
                {
                    return RateLimitPartition.GetNoLimiter("unlimited");
                }
                var limits = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
                var ip = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                return RateLimitPartition.GetFixedWindowLimiter("ip:" + ip, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limits.PerIpPermits,
                    Window = TimeSpan.FromSeconds(limits.PerIpWindowSeconds),
                    QueueLimit = 0,
                });
            });
            options.OnRejected = (context, _) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    SetRetryAfter(context.HttpContext.Response, retryAfter);
                }
                return ValueTask.CompletedTask;
            };
        });
    }

    public static void SetRetryAfter(HttpResponse response, TimeSpan retryAfter) =>
        response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}

/// <summary>A fixed-window limit per key; keys are hashed, so the limiter's memory holds no addresses or ids in clear.</summary>
public abstract class KeyedWindowLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;
    private readonly int _windowSeconds;

    protected KeyedWindowLimiter(int permits, int windowSeconds)
    {
        _windowSeconds = windowSeconds;
        _limiter = PartitionedRateLimiter.Create<string, string>(key =>
            RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = permits,
                Window = TimeSpan.FromSeconds(windowSeconds),
                QueueLimit = 0,
            }));
    }

    /// <summary>Takes one permit. Null when allowed; otherwise how long to wait.</summary>
    public TimeSpan? TryAcquire(string key)
    {
        using var lease = _limiter.AttemptAcquire(Hashing.Sha256Hex(key));
        if (lease.IsAcquired)
        {
            return null;
        }
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(_windowSeconds);
    }

    /// <summary>Whether a permit is left, without taking one (count 0 asks for the state only).</summary>
    public TimeSpan? Peek(string key)
    {
        using var lease = _limiter.AttemptAcquire(Hashing.Sha256Hex(key), permitCount: 0);
        if (lease.IsAcquired)
        {
            return null;
        }
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(_windowSeconds);
    }

    public void Dispose()
    {
        _limiter.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>Signup and magic-link requests per normalized address.</summary>
public sealed class AddressRateLimiter(IOptions<RateLimitOptions> options)
    : KeyedWindowLimiter(options.Value.PerAddressPermits, options.Value.PerAddressWindowSeconds);

/// <summary>"Add a show" requests per subscriber: each one makes the server fetch a URL of the subscriber's choosing.</summary>
public sealed class FeedAddRateLimiter(IOptions<RateLimitOptions> options)
    : KeyedWindowLimiter(options.Value.FeedAddsPerSubscriber, options.Value.FeedAddWindowSeconds);

/// <summary>Failed admin logins per client address; successes are never counted.</summary>
public sealed class AdminLoginLimiter(IOptions<RateLimitOptions> options)
    : KeyedWindowLimiter(options.Value.AdminFailuresPerIp, options.Value.AdminFailureWindowSeconds);
