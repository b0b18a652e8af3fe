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
}

/// <summary>
/// Signup and "mail me a link" POSTs send email, so they are limited per client IP (middleware) and per
/// address (<see cref="AddressRateLimiter"/>, checked in the page once the address is parsed). 429 + Retry-After.
/// </summary>
internal static class SignupRateLimits
{
    private static readonly PathString[] LimitedPaths = ["/", "/manage"];

    public static void AddSignupRateLimits(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section)
            .Validate(o => o.PerIpPermits > 0 && o.PerIpWindowSeconds > 0, "RateLimits:PerIpPermits and RateLimits:PerIpWindowSeconds must be positive.")
            .Validate(o => o.PerAddressPermits > 0 && o.PerAddressWindowSeconds > 0, "RateLimits:PerAddressPermits and RateLimits:PerAddressWindowSeconds must be positive.")
            .ValidateOnStart();
        builder.Services.AddSingleton<AddressRateLimiter>();
        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                if (!HttpMethods.IsPost(context.Request.Method) || !LimitedPaths.Contains(context.Request.Path))
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

/// <summary>Per-address limit; the key is a hash, so the limiter's memory holds no addresses.</summary>
public sealed class AddressRateLimiter(IOptions<RateLimitOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.PerAddressPermits,
            Window = TimeSpan.FromSeconds(options.Value.PerAddressWindowSeconds),
            QueueLimit = 0,
        }));

    /// <summary>Null when allowed; otherwise how long to wait.</summary>
    public TimeSpan? TryAcquire(string normalizedEmail)
    {
        using var lease = _limiter.AttemptAcquire(Hashing.Sha256Hex(normalizedEmail));
        if (lease.IsAcquired)
        {
            return null;
        }
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(options.Value.PerAddressWindowSeconds);
    }

    public void Dispose() => _limiter.Dispose();
}
