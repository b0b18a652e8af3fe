using PodBrief.Core.Data;
using PodBrief.Testing;

namespace PodBrief.IntegrationTests.Hosting;

public class ConfigurationTests
{
    [Theory]
    [InlineData("Database:Provider", "Oracle", "Database:Provider")]
    [InlineData("App:PublicBaseUrl", "not a url", "App:PublicBaseUrl")]
    [InlineData("Jobs:WorkerCount", "0", "Jobs:WorkerCount")]
    [InlineData("Admin:Password", "short", "Admin:Password")]
    public async Task Bad_settings_stop_startup_with_a_message_naming_the_key(string key, string value, string named)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => TestApp.StartAsync(DatabaseProvider.Sqlite,
            new Dictionary<string, string?> { [key] = value }));
        Assert.Contains(named, Flatten(error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Postgres_without_a_connection_string_names_the_missing_setting()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => TestApp.StartAsync(DatabaseProvider.Sqlite,
            new Dictionary<string, string?> { ["Database:Provider"] = "Postgres", ["Database:ConnectionString"] = "" }));
        Assert.Contains("Database:ConnectionString", Flatten(error), StringComparison.Ordinal);
    }

    private static string Flatten(Exception error)
    {
        var messages = new List<string>();
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            messages.Add(e.Message);
        }
        return string.Join(" | ", messages);
    }
}
