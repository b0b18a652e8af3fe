using Microsoft.Extensions.Options;
using PodBrief.Core.Data;
using PodBrief.Testing;
using PodBrief.Web.Hosting;

namespace PodBrief.IntegrationTests.Hosting;

public class ConfigurationTests
{
    [Theory]
    [InlineData("App:PublicBaseUrl", "not a url", "App:PublicBaseUrl")]
    [InlineData("Jobs:WorkerCount", "0", "Jobs:WorkerCount")]
    [InlineData("Admin:Password", "short", "Admin:Password")]
    [InlineData("Feeds:TimeoutSeconds", "0", "Feeds:TimeoutSeconds")]
    public async Task Bad_settings_stop_startup_with_a_validation_error_naming_the_key(string key, string value, string named)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => TestApp.StartAsync(DatabaseProvider.Sqlite,
            new Dictionary<string, string?> { [key] = value }));
        Assert.Contains(error.Failures, f => f.Contains(named, StringComparison.Ordinal));
        Assert.StartsWith("Configuration error: ", ConfigurationErrors.Describe(error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_names_the_key()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => TestApp.StartAsync(DatabaseProvider.Sqlite,
            new Dictionary<string, string?> { ["Database:Provider"] = "Oracle" }));
        Assert.Contains("'Database:Provider'", ConfigurationErrors.Describe(error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Postgres_without_a_connection_string_names_the_missing_setting()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => TestApp.StartAsync(DatabaseProvider.Sqlite,
            new Dictionary<string, string?> { ["Database:Provider"] = "Postgres", ["Database:ConnectionString"] = "" }));
        Assert.Contains(error.Failures, f => f.Contains("Database:ConnectionString", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("podcasts list")]
    [InlineData("")]
    public async Task Bad_configuration_prints_one_line_and_exits_3_for_the_cli_and_the_web_host(string commandLine)
    {
        var args = commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var dataDir = Directory.CreateTempSubdirectory("podbrief-config-").FullName;

        var (exit, output) = await OperatorCliTests.RunCliAsync(args, dataDir, new Dictionary<string, string> { ["Feeds__TimeoutSeconds"] = "0" });

        Assert.Equal(ConfigurationErrors.ExitCode, exit);
        var line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Equal("Configuration error: Feeds:TimeoutSeconds must be between 1 and 600.", line);
    }
}
