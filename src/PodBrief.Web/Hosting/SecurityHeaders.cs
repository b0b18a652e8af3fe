namespace PodBrief.Web.Hosting;

/// <summary>
/// Headers on every response. Pages reached through a secret link (tokens in the path) are also never stored,
/// never indexed and never leak their URL in a Referer header.
/// </summary>
internal static class SecurityHeaders
{
    /// <summary>No inline script or style anywhere: JavaScript and CSS come from our own files.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' https: data:; media-src 'self' https:; font-src 'self'; " +
        "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    private static readonly PathString[] TokenPathPrefixes =
        ["/confirm", "/preferences", "/unsubscribe", "/digest", "/archive", "/feedback", "/feed"];

    public static bool IsTokenPath(PathString path) =>
        TokenPathPrefixes.Any(prefix => path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase));

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        // Decided on the original path: a status page re-executed for a token URL keeps the token rules.
        var tokenPage = IsTokenPath(context.Request.Path);
        // The Hangfire dashboard ships inline scripts; it sits behind admin auth and keeps its own rules.
        var dashboard = context.Request.Path.StartsWithSegments("/hangfire", StringComparison.OrdinalIgnoreCase);
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            if (!dashboard)
            {
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
            }
            if (tokenPage)
            {
                headers.CacheControl = "no-store";
                headers.Pragma = "no-cache";
                headers["X-Robots-Tag"] = "noindex, nofollow";
                headers["Referrer-Policy"] = "no-referrer";
            }
            else
            {
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            }
            return Task.CompletedTask;
        });
        return next(context);
    });
}
