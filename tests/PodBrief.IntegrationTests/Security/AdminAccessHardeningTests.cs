using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PodBrief.Core.Data;
using static PodBrief.IntegrationTests.Web.WebTestKit;

namespace PodBrief.IntegrationTests.Security;

/// <summary>Issue 11 items 3 and 4 and the admin cache rule, over real HTTP (real loopback client, real Host header).</summary>
public class AdminAccessHardeningTests
{
    private static HttpRequestMessage Get(string path, string? password = null, string? host = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (password is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:" + password)));
        }
        if (host is not null)
        {
            request.Headers.Host = host;
        }
        return request;
    }

    [Fact]
    public async Task Failed_admin_logins_are_limited_per_client_logged_and_answered_429_with_retry_after()
    {
        var ct = TestContext.Current.CancellationToken;
        var logs = new ConcurrentQueue<string>();
        var (app, _) = await StartAsync(DatabaseProvider.Sqlite, new Dictionary<string, string?> { ["RateLimits:AdminFailuresPerIp"] = "5" },
            overHttp: true, configureServices: s => s.AddSingleton<ILoggerProvider>(new QueueLoggerProvider(logs)));
        await using var _app = app;
        using var client = Client(app);

        for (var i = 0; i < 5; i++)
        {
            using var wrong = Get("/Admin", "wrong-password-" + i);
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(wrong, ct)).StatusCode);
        }
        using var sixth = Get("/Admin", "wrong-password-6");
        var limited = await client.SendAsync(sixth, ct);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After missing");
        // Locked out means locked out: the right password does not get through until the window ends.
        using var right = Get("/Admin", "test-admin-password");
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.SendAsync(right, ct)).StatusCode);
        Assert.Equal(5, logs.Count(l => l.Contains("Failed admin login from 127.0.0.1", StringComparison.Ordinal)));
        Assert.DoesNotContain(logs, l => l.Contains("wrong-password", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_right_password_still_works_and_admin_pages_are_never_stored()
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, _) = await StartAsync(DatabaseProvider.Sqlite, overHttp: true);
        await using var _app = app;
        using var client = Client(app);
        foreach (var path in new[] { "/Admin", "/Admin/Outbox", "/Admin/Podcasts", "/hangfire" })
        {
            using var request = Get(path, "test-admin-password");
            var response = await client.SendAsync(request, ct);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
            Assert.True(response.Headers.CacheControl?.NoStore == true, $"{path}: Cache-Control {response.Headers.CacheControl}");
        }
    }

    [Fact]
    public async Task In_development_a_configured_password_is_required_even_from_loopback()
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, _) = await StartAsync(DatabaseProvider.Sqlite, new Dictionary<string, string?> { ["environment"] = "Development" }, overHttp: true);
        await using var _app = app;
        using var client = Client(app);

        using var anonymous = Get("/Admin/Outbox", host: "localhost");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(anonymous, ct)).StatusCode);
        using var withPassword = Get("/Admin/Outbox", "test-admin-password", host: "localhost");
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(withPassword, ct)).StatusCode);
    }

    [Fact]
    public async Task In_development_without_a_password_only_loopback_host_names_get_in()
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, _) = await StartAsync(DatabaseProvider.Sqlite,
            new Dictionary<string, string?> { ["environment"] = "Development", ["Admin:Password"] = "" }, overHttp: true);
        await using var _app = app;
        using var client = Client(app);

        foreach (var host in new[] { "localhost", "127.0.0.1", "[::1]", "app.localhost" })
        {
            using var local = Get("/Admin/Outbox", host: host);
            Assert.True((await client.SendAsync(local, ct)).StatusCode == HttpStatusCode.OK, host);
        }
        // A DNS-rebinding page reaches 127.0.0.1 under its own name.
        foreach (var host in new[] { "evil.example", "localhost.evil.example", "127.0.0.1.nip.io" })
        {
            using var rebound = Get("/Admin/Outbox", host: host);
            var status = (await client.SendAsync(rebound, ct)).StatusCode;
            Assert.True(status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, $"{host}: {(int)status}");
        }
    }

    internal sealed class QueueLoggerProvider(ConcurrentQueue<string> sink) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new QueueLogger(sink);

        public void Dispose()
        {
        }

        private sealed class QueueLogger(ConcurrentQueue<string> sink) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                sink.Enqueue(formatter(state, exception));
        }
    }
}
