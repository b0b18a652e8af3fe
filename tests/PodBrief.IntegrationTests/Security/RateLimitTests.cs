using System.Net;
using PodBrief.Core.Data;
using static PodBrief.IntegrationTests.Web.WebTestKit;

namespace PodBrief.IntegrationTests.Security;

/// <summary>Issue 11 items 2 and 9: the per-IP limit of mail-sending POSTs, over real HTTP (real client addresses).</summary>
public class RateLimitTests
{
    private static readonly Dictionary<string, string?> TwoPerIp = new()
    {
        ["RateLimits:PerIpPermits"] = "2",
        ["RateLimits:PerAddressPermits"] = "100",
    };

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, string token, string email, string? forwardedFor = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new FormUrlEncodedContent([new("Email", email), new("__RequestVerificationToken", token)]),
        };
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task The_signup_limit_holds_whatever_the_path_spelling()
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, mail) = await StartAsync(DatabaseProvider.Sqlite, TwoPerIp, overHttp: true);
        await using var _app = app;
        using var client = Client(app);
        var token = AntiforgeryToken(await BodyAsync(await client.GetAsync("/", ct)));

        Assert.Equal(HttpStatusCode.OK, (await PostFormAsync(client, "/", token, "one@example.com")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostFormAsync(client, "/manage", token, "two@example.com")).StatusCode);
        var spellings = new[] { "/", "/Index", "/index", "/INDEX", "/Index/", "/manage/", "/MANAGE/", "/Manage" };
        foreach (var (path, i) in spellings.Select((p, i) => (p, i)))
        {
            var response = await PostFormAsync(client, path, token, $"spelling{i}@example.com");
            Assert.True(response.StatusCode == HttpStatusCode.TooManyRequests, $"{path}: {(int)response.StatusCode}");
            Assert.NotNull(response.Headers.RetryAfter);
        }
        Assert.Single(mail.Messages); // the signup's confirmation; /manage mails only known addresses
    }

    [Fact]
    public async Task Forwarded_for_is_ignored_unless_the_connection_comes_from_a_configured_proxy()
    {
        var (app, _) = await StartAsync(DatabaseProvider.Sqlite, TwoPerIp, overHttp: true);
        await using var _app = app;
        using var client = Client(app);
        var token = AntiforgeryToken(await BodyAsync(await client.GetAsync("/", TestContext.Current.CancellationToken)));

        // A client that makes up a new X-Forwarded-For each time still has one bucket: its own address.
        Assert.Equal(HttpStatusCode.OK, (await PostFormAsync(client, "/", token, "a@example.com", "203.0.113.1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostFormAsync(client, "/", token, "b@example.com", "203.0.113.2")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await PostFormAsync(client, "/", token, "c@example.com", "203.0.113.3")).StatusCode);
    }

    [Fact]
    public async Task Behind_a_configured_proxy_each_visitor_gets_their_own_bucket()
    {
        var settings = new Dictionary<string, string?>(TwoPerIp) { ["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1" };
        var (app, mail) = await StartAsync(DatabaseProvider.Sqlite, settings, overHttp: true);
        await using var _app = app;
        using var client = Client(app);
        var token = AntiforgeryToken(await BodyAsync(await client.GetAsync("/", TestContext.Current.CancellationToken)));

        foreach (var visitor in new[] { "203.0.113.1", "203.0.113.2", "203.0.113.3" })
        {
            Assert.Equal(HttpStatusCode.OK, (await PostFormAsync(client, "/", token, $"v{visitor[^1]}@example.com", visitor)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, (await PostFormAsync(client, "/", token, "v1b@example.com", "203.0.113.1")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await PostFormAsync(client, "/", token, "v1c@example.com", "203.0.113.1")).StatusCode);
        Assert.Equal(4, mail.Messages.Count);
    }
}
