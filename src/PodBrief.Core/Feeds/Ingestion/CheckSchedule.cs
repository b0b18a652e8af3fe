namespace PodBrief.Core.Feeds.Ingestion;

/// <summary>When to look at a feed again (miniflux-style): the publisher's hints within our bounds, or back-off.</summary>
public static class CheckSchedule
{
    /// <summary>After a success: RSS ttl, else Cache-Control max-age, else Expires; clamped to [Min, Max]; Min when no hint.</summary>
    public static DateTime AfterSuccess(DateTime now, FeedsOptions options, int? ttlMinutes, TimeSpan? maxAge, DateTimeOffset? expires)
    {
        var hint = ttlMinutes is > 0 ? TimeSpan.FromMinutes(ttlMinutes.Value)
            : maxAge is { } age && age > TimeSpan.Zero ? age
            : expires is { } exp && exp.UtcDateTime > now ? exp.UtcDateTime - now
            : options.MinCheckInterval;
        return now + Clamp(hint, options.MinCheckInterval, options.MaxCheckInterval);
    }

    /// <summary>After a failure: Min × 2^(errors−1) capped at Max; a later Retry-After is honoured (RFC 9110 §10.2.3) up to a week.</summary>
    public static DateTime AfterFailure(DateTime now, FeedsOptions options, int consecutiveErrors, DateTimeOffset? retryAfter)
    {
        var exponent = Math.Clamp(consecutiveErrors - 1, 0, 30);
        var backoff = Clamp(TimeSpan.FromTicks((long)Math.Min(options.MinCheckInterval.Ticks * Math.Pow(2, exponent), TimeSpan.MaxValue.Ticks / 2)),
            options.MinCheckInterval, options.MaxCheckInterval);
        var next = now + backoff;
        if (retryAfter is { } ra && ra.UtcDateTime > next)
        {
            next = ra.UtcDateTime < now.AddDays(7) ? ra.UtcDateTime : now.AddDays(7);
        }
        return next;
    }

    private static TimeSpan Clamp(TimeSpan value, TimeSpan min, TimeSpan max) => value < min ? min : value > max ? max : value;
}
