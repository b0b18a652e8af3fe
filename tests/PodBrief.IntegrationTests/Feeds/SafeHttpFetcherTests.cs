using System.IO.Compression;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using PodBrief.Core.Common.Http;
using PodBrief.Testing;

namespace PodBrief.IntegrationTests.Feeds;

public class SafeHttpFetcherTests
{
    [Fact]
    public async Task Fetch_sends_honest_user_agent_and_conditional_headers_and_reads_cache_headers()
    {
        await using var server = await LoopbackHttpServer.StartAsync(async c =>
        {
            c.Response.ContentType = "application/rss+xml; charset=ISO-8859-1";
            c.Response.Headers.ETag = "\"v2\"";
            c.Response.Headers.LastModified = "Mon, 02 Mar 2026 10:00:00 GMT";
            c.Response.Headers.CacheControl = "public, max-age=3600";
            c.Response.Headers.Expires = "Mon, 02 Mar 2026 14:00:00 GMT";
            await c.Response.WriteAsync("<rss/>");
        });
        using var host = new FetcherHost();

        var result = await host.Fetcher.FetchAsync(new FetchRequest(server.Url("/feed"))
        {
            IfNoneMatch = "\"v1\"",
            IfModifiedSince = "Sun, 01 Mar 2026 10:00:00 GMT",
        }, TestContext.Current.CancellationToken);

        Assert.True(result.IsSuccess, result.ErrorMessage);
        Assert.Equal("<rss/>", Encoding.ASCII.GetString(result.Body!));
        Assert.Equal("application/rss+xml", result.ContentType);
        Assert.Equal("ISO-8859-1", result.Charset);
        Assert.Equal("\"v2\"", result.ETag);
        Assert.Equal("Mon, 02 Mar 2026 10:00:00 GMT", result.LastModified);
        Assert.Equal(TimeSpan.FromHours(1), result.CacheMaxAge);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 14, 0, 0, TimeSpan.Zero), result.Expires);
        var sent = Assert.Single(server.Requests);
        Assert.Equal("PodBrief/1.0 (+https://podbrief.example)", sent.Headers["User-Agent"]);
        Assert.Equal("\"v1\"", sent.Headers["If-None-Match"]);
        Assert.Equal("Sun, 01 Mar 2026 10:00:00 GMT", sent.Headers["If-Modified-Since"]);
        Assert.Contains("gzip", sent.Headers["Accept-Encoding"], StringComparison.Ordinal);
        Assert.Contains("br", sent.Headers["Accept-Encoding"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Not_modified_is_reported_without_a_body()
    {
        await using var server = await LoopbackHttpServer.StartAsync(c =>
        {
            c.Response.StatusCode = 304;
            return Task.CompletedTask;
        });
        using var host = new FetcherHost();
        var result = await host.FetchAsync(server.Url("/feed"));
        Assert.True(result.IsNotModified);
        Assert.Null(result.Body);
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("br")]
    public async Task Compressed_bodies_are_decompressed(string encoding)
    {
        var text = string.Concat(Enumerable.Repeat("<item>hello</item>", 500));
        await using var server = await LoopbackHttpServer.StartAsync(async c =>
        {
            using var buffer = new MemoryStream();
            await using (Stream z = encoding == "gzip" ? new GZipStream(buffer, CompressionLevel.Fastest, true) : new BrotliStream(buffer, CompressionLevel.Fastest, true))
            {
                await z.WriteAsync(Encoding.UTF8.GetBytes(text));
            }
            c.Response.Headers.ContentEncoding = encoding;
            await c.Response.Body.WriteAsync(buffer.ToArray());
        });
        using var host = new FetcherHost();
        var result = await host.FetchAsync(server.Url("/feed"));
        Assert.Equal(text, Encoding.UTF8.GetString(result.Body!));
    }

    [Fact]
    public async Task A_100_MB_body_is_refused_while_streaming_without_a_content_length()
    {
        await using var server = await LoopbackHttpServer.StartAsync(async c =>
        {
            var chunk = new byte[1024 * 1024];
            for (var i = 0; i < 100 && !c.RequestAborted.IsCancellationRequested; i++)
            {
                await c.Response.Body.WriteAsync(chunk, c.RequestAborted);
            }
        });
        using var host = new FetcherHost(new Dictionary<string, string?> { ["Feeds:MaxBodyBytes"] = (2 * 1024 * 1024).ToString() });
        var result = await host.FetchAsync(server.Url("/big"));
        Assert.Equal(FetchError.TooLarge, result.Error);
        Assert.Null(result.Body);
    }

    [Fact]
    public async Task A_declared_100_MB_body_is_refused_before_reading()
    {
        await using var server = await LoopbackHttpServer.StartAsync(async c =>
        {
            c.Response.ContentLength = 100L * 1024 * 1024;
            await c.Response.Body.WriteAsync(new byte[1024], c.RequestAborted);
        });
        using var host = new FetcherHost();
        var result = await host.FetchAsync(server.Url("/big"));
        Assert.Equal(FetchError.TooLarge, result.Error);
        Assert.Contains("104857600", result.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_dripping_one_byte_a_second_hits_the_total_timeout()
    {
        await using var server = await LoopbackHttpServer.StartAsync(async c =>
        {
            await c.Response.StartAsync(c.RequestAborted);
            for (var i = 0; i < 60 && !c.RequestAborted.IsCancellationRequested; i++)
            {
                await c.Response.Body.WriteAsync("<"u8.ToArray(), c.RequestAborted);
                await c.Response.Body.FlushAsync(c.RequestAborted);
                await Task.Delay(1000, c.RequestAborted);
            }
        });
        using var host = new FetcherHost(new Dictionary<string, string?> { ["Feeds:TimeoutSeconds"] = "2" });
        var started = DateTime.UtcNow;
        var result = await host.FetchAsync(server.Url("/drip"));
        Assert.Equal(FetchError.Timeout, result.Error);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(20), "the fetch must stop near its time limit");
    }

    [Fact]
    public async Task A_redirect_loop_is_detected()
    {
        await using var server = await LoopbackHttpServer.StartAsync(c =>
        {
            c.Response.StatusCode = 302;
            c.Response.Headers.Location = c.Request.Path == "/a" ? "/b" : "/a";
            return Task.CompletedTask;
        });
        using var host = new FetcherHost();
        var result = await host.FetchAsync(server.Url("/a"));
        Assert.Equal(FetchError.TooManyRedirects, result.Error);
        Assert.Contains("loop", result.ErrorMessage, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task More_than_five_redirects_are_refused()
    {
        await using var server = await LoopbackHttpServer.StartAsync(c =>
        {
            var n = int.Parse(c.Request.Path.Value!.TrimStart('/'));
            c.Response.StatusCode = 301;
            c.Response.Headers.Location = $"/{n + 1}";
            return Task.CompletedTask;
        });
        using var host = new FetcherHost();
        var result = await host.FetchAsync(server.Url("/0"));
        Assert.Equal(FetchError.TooManyRedirects, result.Error);
        Assert.Equal(6, server.Requests.Count);
    }

    [Theory]
    [InlineData(new[] { 301 }, "/final")]
    [InlineData(new[] { 308 }, "/final")]
    [InlineData(new[] { 302 }, "/start")]
    [InlineData(new[] { 307 }, "/start")]
    [InlineData(new[] { 301, 302 }, "/hop1")]
    [InlineData(new[] { 302, 301 }, "/start")]
    public async Task Only_permanent_redirects_change_the_permanent_url(int[] statuses, string expectedPermanentPath)
    {
        await using var server = await LoopbackHttpServer.StartAsync(async c =>
        {
            var path = c.Request.Path.Value!;
            var hop = path == "/start" ? 0 : path.StartsWith("/hop", StringComparison.Ordinal) ? int.Parse(path[4..]) : -1;
            if (hop >= 0 && hop < statuses.Length)
            {
                c.Response.StatusCode = statuses[hop];
                c.Response.Headers.Location = hop + 1 == statuses.Length ? "/final" : $"/hop{hop + 1}";
                return;
            }
            await c.Response.WriteAsync("<rss/>");
        });
        using var host = new FetcherHost();
        var result = await host.FetchAsync(server.Url("/start"));
        Assert.True(result.IsSuccess, result.ErrorMessage);
        Assert.Equal(server.Url("/final"), result.FinalUrl);
        Assert.Equal(server.Url(expectedPermanentPath), result.PermanentUrl);
    }

    [Fact]
    public async Task Retry_after_in_seconds_and_as_a_date_are_both_read()
    {
        await using var server = await LoopbackHttpServer.StartAsync(c =>
        {
            c.Response.StatusCode = c.Request.Path == "/seconds" ? 429 : 503;
            c.Response.Headers.RetryAfter = c.Request.Path == "/seconds" ? "120" : "Wed, 04 Mar 2026 08:00:00 GMT";
            return Task.CompletedTask;
        });
        using var host = new FetcherHost();
        var before = DateTimeOffset.UtcNow;
        var seconds = await host.FetchAsync(server.Url("/seconds"));
        var date = await host.FetchAsync(server.Url("/date"));
        Assert.Equal(HttpStatusCode.TooManyRequests, seconds.StatusCode);
        Assert.InRange(seconds.RetryAfter!.Value, before.AddSeconds(119), DateTimeOffset.UtcNow.AddSeconds(121));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, date.StatusCode);
        Assert.Equal(new DateTimeOffset(2026, 3, 4, 8, 0, 0, TimeSpan.Zero), date.RetryAfter);
    }

    [Theory]
    [InlineData("ftp://example.com/feed.xml")]
    [InlineData("file:///etc/passwd")]
    [InlineData("http://user:secret@example.com/feed.xml")]
    public async Task Non_http_schemes_and_credentials_are_refused(string url)
    {
        using var host = new FetcherHost();
        var result = await host.FetchAsync(new Uri(url));
        Assert.Equal(FetchError.InvalidUrl, result.Error);
    }
}
