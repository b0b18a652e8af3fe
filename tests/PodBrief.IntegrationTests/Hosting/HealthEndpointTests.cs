using System.Net;
using PodBrief.Core.Data;
using PodBrief.Testing;

namespace PodBrief.IntegrationTests.Hosting;

public class HealthEndpointTests
{
    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task Liveness_and_readiness_answer_200_when_the_database_is_up(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        using var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz", TestContext.Current.CancellationToken)).StatusCode);
        var ready = await client.GetAsync("/health/ready", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        // JSON with each check's state.
        using var json = System.Text.Json.JsonDocument.Parse(await ready.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
        var check = Assert.Single(json.RootElement.GetProperty("checks").EnumerateArray());
        Assert.Equal("database", check.GetProperty("name").GetString());
        Assert.Equal("Healthy", check.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Readiness_turns_503_while_PostgreSQL_is_stopped_and_recovers_without_a_restart()
    {
        var ct = TestContext.Current.CancellationToken;
        var server = await PostgresServer.StartDedicatedAsync();
        var connectionString = await server.CreateDatabaseAsync();
        await using var app = await TestApp.StartAsync(DatabaseProvider.Postgres, new Dictionary<string, string?>
        {
            ["Database:ConnectionString"] = connectionString,
            ["Database:MigrateOnStartup"] = "true",
        });
        using var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready", ct)).StatusCode);

        await server.StopAsync();
        var down = await client.GetAsync("/health/ready", ct);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        // Liveness does not depend on the database.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz", ct)).StatusCode);

        await server.StartAgainAsync();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready", ct)).StatusCode);
        await server.StopAsync();
    }
}
