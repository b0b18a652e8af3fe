namespace PodBrief.Web.Hosting;

/// <summary>
/// Subscriber-facing forms are a few hundred bytes; anything over <see cref="MaxFormBytes"/> is refused with 413
/// (issue 11: an oversized body got 400 from the form reader, which told the sender nothing). A declared
/// Content-Length is refused before the body is read; a chunked body is read up to the cap here and refused as
/// soon as it passes it. Admin pages (OPML upload) keep the server's default cap.
/// </summary>
internal static class RequestBodyLimits
{
    public const long MaxFormBytes = 64 * 1024;

    public static IApplicationBuilder UseRequestBodyLimits(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var path = context.Request.Path;
        // A status page re-executed for a refused body must not be refused again (it would lose its page).
        if (context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is not null
            || path.StartsWithSegments("/Admin", StringComparison.OrdinalIgnoreCase)
            || path.StartsWithSegments("/hangfire", StringComparison.OrdinalIgnoreCase))
        {
            await next(context);
            return;
        }
        if (context.Request.ContentLength > MaxFormBytes)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }
        if (context.Request.ContentLength is null && context.Request.Headers.TransferEncoding.Count > 0
            && !await BufferWithinLimitAsync(context.Request, context.RequestAborted))
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }
        await next(context);
    });

    /// <summary>A chunked body is read here, up to the cap, so the form reader downstream cannot turn "too large" into 400.</summary>
    private static async Task<bool> BufferWithinLimitAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxFormBytes)
            {
                return false;
            }
            buffer.Write(chunk, 0, read);
        }
        buffer.Position = 0;
        request.Body = buffer;
        request.ContentLength = buffer.Length;
        return true;
    }
}
