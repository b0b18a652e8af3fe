using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PodBrief.Web.Pages.Insights;

namespace PodBrief.Web.Pages;

/// <summary>
/// The landing page's HTML, kept per card set (issue 13 item 5). For a visitor the page is the same for everyone
/// until the card set changes, except the signup form's antiforgery token, which is new in every response. So the
/// first plain <c>GET /</c> of a card set renders the page through Razor as usual and keeps a copy of the bytes cut
/// around the token; later ones get a fresh token from <see cref="IAntiforgery"/> (cookie, no-cache headers and all,
/// exactly what the form tag helper calls) written between the two halves, without running the page. Rendering
/// and the MVC pipeline were most of a landing request's CPU; the token is the only per-response work left.
/// <para>Only a GET of exactly <c>/</c>, with no query string, that routed to the Index page, and only a response
/// the page itself marked (<see cref="MarkCacheable"/>: its plain GET render, status 200), is kept or served; a new
/// <see cref="LandingCards.Version"/> (new cards or topics, or <see cref="LandingInsights.Invalidate"/>) renders
/// afresh. Everything the middleware in front of it adds (security headers, limits) still runs on every request.</para>
/// </summary>
public sealed class LandingPageCache(LandingInsights landing, IAntiforgery antiforgery, HtmlEncoder encoder)
{
    private static readonly object RenderedVersionKey = new();
    private volatile Entry? _entry;
    private int _renders;

    /// <summary>One rendered page: the bytes before the token's value, and after it.</summary>
    private sealed record Entry(long Version, string PathBase, string ContentType, byte[] Head, byte[] Tail);

    /// <summary>Called by the Index page's GET: this response is the plain landing page of card set
    /// <paramref name="version"/>, and nothing in it depends on the visitor except the antiforgery token.</summary>
    public static void MarkCacheable(HttpContext context, long version) => context.Items[RenderedVersionKey] = version;

    /// <summary>How many renders were kept (tests: the second view of a card set is not one).</summary>
    internal int Renders => Volatile.Read(ref _renders);

    public Task InvokeAsync(HttpContext context, RequestDelegate next) =>
        Applies(context) ? ServeAsync(context, next) : next(context);

    private static bool Applies(HttpContext context)
    {
        var request = context.Request;
        // The page shows its own path in og:url, and ?handler=… selects (or 404s) a handler: both only as rendered.
        return HttpMethods.IsGet(request.Method)
            && request.Path.Value == "/"
            && !request.QueryString.HasValue
            && context.GetEndpoint()?.Metadata.GetMetadata<PageActionDescriptor>()?.ViewEnginePath == "/Index";
    }

    private async Task ServeAsync(HttpContext context, RequestDelegate next)
    {
        // The same call the page makes: it also refreshes the card set when its check interval is over.
        var cards = await landing.GetAsync(context.RequestAborted);
        var entry = _entry;
        if (entry is not null && entry.Version == cards.Version && entry.PathBase == (context.Request.PathBase.Value ?? ""))
        {
            await WriteAsync(context, entry);
            return;
        }
        await RenderAndKeepAsync(context, next);
    }

    private async Task WriteAsync(HttpContext context, Entry entry)
    {
        // Stores the cookie token (a new one only for a visitor without a valid cookie) and sets no-cache headers.
        var tokens = antiforgery.GetAndStoreTokens(context);
        var token = encoder.Encode(tokens.RequestToken ?? "");
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = entry.ContentType;
        response.ContentLength = entry.Head.Length + Encoding.UTF8.GetByteCount(token) + entry.Tail.Length;
        var writer = response.BodyWriter;
        writer.Write(entry.Head);
        Encoding.UTF8.GetBytes(token, writer);
        writer.Write(entry.Tail);
        await writer.FlushAsync();
    }

    private async Task RenderAndKeepAsync(HttpContext context, RequestDelegate next)
    {
        var response = context.Response;
        var body = response.Body;
        using var buffer = new MemoryStream();
        response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            response.Body = body;
        }
        var rendered = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        if (TryCut(context, rendered.Span) is { } entry)
        {
            _entry = entry;
            Interlocked.Increment(ref _renders);
            response.ContentLength = rendered.Length;
        }
        // An empty body (an error status) stays unwritten, so the status code pages can still answer it.
        if (rendered.Length > 0)
        {
            await body.WriteAsync(rendered);
        }
    }

    private Entry? TryCut(HttpContext context, ReadOnlySpan<byte> rendered)
    {
        var response = context.Response;
        if (response.StatusCode != StatusCodes.Status200OK || context.Items[RenderedVersionKey] is not long version
            || response.ContentType is not { } contentType || response.Headers.ContentEncoding.Count > 0)
        {
            return null;
        }
        // The token this response's form carries (generated while rendering; asking again returns the same one).
        var requestToken = antiforgery.GetTokens(context).RequestToken;
        if (string.IsNullOrEmpty(requestToken))
        {
            return null;
        }
        var token = Encoding.UTF8.GetBytes(encoder.Encode(requestToken));
        var at = rendered.IndexOf(token);
        // Exactly once, or the page is not what this cache was written for: keep nothing.
        if (at < 0 || rendered.LastIndexOf(token) != at)
        {
            return null;
        }
        return new Entry(version, context.Request.PathBase.Value ?? "", contentType,
            rendered[..at].ToArray(), rendered[(at + token.Length)..].ToArray());
    }
}
