using System.Net;

namespace PodBrief.Core.Common.Http;

/// <summary>
/// The one way PodBrief fetches hostile URLs (feeds, transcripts, enclosures, chapters): our own HttpClient with
/// the connect-time SSRF guard, redirects followed by hand (each hop re-checked), a total time limit, a body-size
/// cap enforced while streaming, gzip/brotli, conditional GET and an honest User-Agent.
/// </summary>
public interface ISafeHttpFetcher
{
    Task<FetchResult> FetchAsync(FetchRequest request, CancellationToken cancellationToken);
}

public sealed record FetchRequest(Uri Url)
{
    public string? IfNoneMatch { get; init; }
    public string? IfModifiedSince { get; init; }
    /// <summary>Overrides Feeds:MaxBodyBytes (e.g. a larger cap for audio enclosures).</summary>
    public long? MaxBodyBytes { get; init; }
    public TimeSpan? Timeout { get; init; }
    public string? Accept { get; init; }
}

/// <summary>
/// What happened. <see cref="Error"/> is set for transport-level failures (blocked address, timeout, too large,
/// too many redirects); <see cref="StatusCode"/> is the final HTTP status otherwise.
/// </summary>
public sealed record FetchResult
{
    public HttpStatusCode? StatusCode { get; init; }
    public byte[]? Body { get; init; }
    public string? ContentType { get; init; }
    /// <summary>The charset parameter of Content-Type, if any.</summary>
    public string? Charset { get; init; }
    /// <summary>The URL after redirects.</summary>
    public required Uri FinalUrl { get; init; }
    /// <summary>The URL to store from now on: changed only by permanent redirects (301/308) along the chain.</summary>
    public required Uri PermanentUrl { get; init; }
    public string? ETag { get; init; }
    public string? LastModified { get; init; }
    public DateTimeOffset? RetryAfter { get; init; }
    public TimeSpan? CacheMaxAge { get; init; }
    public DateTimeOffset? Expires { get; init; }
    public FetchError? Error { get; init; }
    public string? ErrorMessage { get; init; }

    public bool IsNotModified => StatusCode == HttpStatusCode.NotModified;
    public bool IsSuccess => Error is null && StatusCode is >= HttpStatusCode.OK and < HttpStatusCode.MultipleChoices;
}

public enum FetchError
{
    BlockedAddress,
    InvalidUrl,
    Timeout,
    TooLarge,
    TooManyRedirects,
    Network,
}
