using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using PodBrief.Core.Data;
using PodBrief.Core.Mail;
using PodBrief.Testing;
using static PodBrief.IntegrationTests.Web.WebTestKit;

namespace PodBrief.IntegrationTests.Web;

public class SecurityTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/manage")]
    [InlineData("/i/424242")]
    [InlineData("/Status/404")]
    [InlineData("/css/site.css")]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        var (app, _) = await StartAsync(DatabaseProvider.Sqlite);
        await using var _app = app;
        using var client = Client(app);
        var response = await client.GetAsync(path, TestContext.Current.CancellationToken);

        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
        if (response.Content.Headers.ContentType?.MediaType == "text/html")
        {
            var html = await BodyAsync(response);
            Assert.DoesNotMatch("<script(?![^>]*\\bsrc=)[^>]*>", html);
            Assert.DoesNotContain(" style=\"", html, StringComparison.Ordinal);
            Assert.DoesNotContain("noindex", html, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("/confirm/abc")]
    [InlineData("/unsubscribe/abc")]
    [InlineData("/preferences/abc")]
    [InlineData("/archive/abc")]
    [InlineData("/digest/1/abc")]
    [InlineData("/feedback/abc/1/up")]
    public async Task Token_pages_are_no_store_noindex_and_no_referrer_even_when_the_token_is_bad(string path)
    {
        var (app, _) = await StartAsync(DatabaseProvider.Sqlite);
        await using var _app = app;
        using var client = Client(app);
        var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
        var html = await BodyAsync(response);

        Assert.True((int)response.StatusCode is >= 400 and < 500, $"{path}: {(int)response.StatusCode}");
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        Assert.Equal("noindex, nofollow", response.Headers.GetValues("X-Robots-Tag").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("<meta name=\"robots\" content=\"noindex, nofollow\" />", html, StringComparison.Ordinal);
        Assert.Contains("<meta name=\"referrer\" content=\"no-referrer\" />", html, StringComparison.Ordinal);
        Assert.Contains("This link no longer works", html, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task Posts_without_antiforgery_get_a_readable_400_and_change_nothing(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, mail) = await StartAsync(provider);
        await using var _app = app;
        var subscriber = await SeedSubscriberAsync(app, "victim@example.com");
        using var client = Client(app);

        var posts = new (string Path, KeyValuePair<string, string>[] Fields)[]
        {
            ("/", [new("Email", "victim@example.com")]),
            ("/manage", [new("Email", "victim@example.com")]),
            ("/confirm/abc", []),
            ($"/preferences/{subscriber.ManageToken}", [new("TimeZone", "Europe/Berlin"), new("DeliveryTime", "05:00"), new("Frequency", "daily")]),
            ($"/preferences/{subscriber.ManageToken}?handler=Delete", [new("confirmDelete", "yes")]),
            ($"/preferences/{subscriber.ManageToken}?handler=Export", []),
            ($"/feedback/{subscriber.ManageToken}/1/up", []),
        };
        foreach (var (path, fields) in posts)
        {
            var response = await client.PostAsync(path, new FormUrlEncodedContent(fields), ct);
            var html = await BodyAsync(response);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{path}: {(int)response.StatusCode}");
            Assert.Contains("Bad request", html, StringComparison.Ordinal);
            Assert.Contains("reload the page", html, StringComparison.Ordinal);
        }
        Assert.Empty(mail.Messages);
        await using var db = app.CreateDbContext();
        var row = db.Subscribers.Single();
        Assert.Equal("UTC", row.TimeZoneId);
    }

    [Fact]
    public async Task Logs_hold_no_raw_tokens_and_no_full_addresses()
    {
        var ct = TestContext.Current.CancellationToken;
        var logs = new ConcurrentQueue<string>();
        var mail = new CapturingMailTransport();
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite, new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Trace",
        }, services =>
        {
            services.RemoveAll<IMailTransport>();
            services.AddSingleton<IMailTransport>(mail);
            services.AddSingleton<ILoggerProvider>(new ListLoggerProvider(logs));
        });
        using var client = Client(app);
        await SignupAsync(client, "secret.reader@example.com");
        var confirmPath = LinkPath(Assert.Single(mail.Messages), "/confirm/");
        var page = await BodyAsync(await client.GetAsync(confirmPath, ct));
        var confirm = await client.PostAsync(confirmPath, new FormUrlEncodedContent([new("__RequestVerificationToken", AntiforgeryToken(page))]), ct);
        var preferencesPath = confirm.Headers.Location!.OriginalString.Split('?')[0];
        await client.GetAsync(preferencesPath, ct);

        Assert.NotEmpty(logs);
        var confirmToken = confirmPath["/confirm/".Length..];
        var manageToken = preferencesPath["/preferences/".Length..];
        Assert.DoesNotContain(logs, l => l.Contains(confirmToken, StringComparison.Ordinal));
        Assert.DoesNotContain(logs, l => l.Contains(manageToken, StringComparison.Ordinal));
        Assert.DoesNotContain(logs, l => l.Contains("secret.reader@", StringComparison.OrdinalIgnoreCase));
    }

    private sealed class ListLoggerProvider(ConcurrentQueue<string> sink) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new ListLogger(categoryName, sink);

        public void Dispose()
        {
        }

        private sealed class ListLogger(string category, ConcurrentQueue<string> sink) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                sink.Enqueue($"{category}: {formatter(state, exception)} {exception}");
        }
    }
}
