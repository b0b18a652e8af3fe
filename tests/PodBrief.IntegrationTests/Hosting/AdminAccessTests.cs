using System.Net;
using System.Net.Http.Headers;
using System.Text;
using PodBrief.Core.Data;
using PodBrief.Testing;

namespace PodBrief.IntegrationTests.Hosting;

public class AdminAccessTests
{
    [Theory]
    [InlineData("/hangfire")]
    [InlineData("/Admin")]
    public async Task Admin_areas_ask_for_credentials_outside_development(string path)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        using var client = app.CreateClient();

        var anonymous = await client.GetAsync(path, ct);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Contains("Basic", anonymous.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);

        using var wrong = new HttpRequestMessage(HttpMethod.Get, path);
        wrong.Headers.Authorization = Basic("admin", "not-the-password");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(wrong, ct)).StatusCode);

        using var right = new HttpRequestMessage(HttpMethod.Get, path);
        right.Headers.Authorization = Basic("admin", "test-admin-password");
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(right, ct)).StatusCode);
    }

    [Fact]
    public async Task The_dashboard_is_open_on_loopback_in_development_when_no_password_is_set()
    {
        // With a password configured it is required in Development too (issue 11; see AdminAccessHardeningTests).
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite, new Dictionary<string, string?>
        {
            ["environment"] = "Development",
            ["Admin:Password"] = "",
        });
        using var client = app.CreateClient();
        var response = await client.GetAsync("/hangfire", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("PodBrief jobs", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    private static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
}
