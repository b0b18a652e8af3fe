using System.Text.Json;
using PodBrief.IntegrationTests.Hosting;

namespace PodBrief.IntegrationTests.Feeds;

/// <summary>The podcasts verbs through the real executable, as an operator runs them.</summary>
public class PodcastsCliTests
{
    [Fact]
    public async Task Migrate_loads_the_starter_catalog_and_podcasts_list_json_shows_it()
    {
        var dataDir = Directory.CreateTempSubdirectory("podbrief-feeds-cli-").FullName;
        var (migrateExit, migrateOutput) = await OperatorCliTests.RunCliAsync(["migrate"], dataDir);
        Assert.True(migrateExit == 0, migrateOutput);

        var (exit, output) = await OperatorCliTests.RunCliAsync(["podcasts", "list", "--json"], dataDir);
        Assert.True(exit == 0, output);
        using var json = JsonDocument.Parse(output[output.IndexOf('[', StringComparison.Ordinal)..]);
        var rows = json.RootElement.EnumerateArray().ToList();
        Assert.InRange(rows.Count, 10, 30);
        Assert.All(rows, r =>
        {
            Assert.Equal("Active", r.GetProperty("status").GetString());
            Assert.Equal("StarterCatalog", r.GetProperty("addedBy").GetString());
            Assert.StartsWith("https://", r.GetProperty("feedUrl").GetString(), StringComparison.Ordinal);
            Assert.Equal(0, r.GetProperty("episodes").GetInt32());
        });
    }

    [Fact]
    public async Task Podcasts_add_refuses_a_loopback_url_with_a_clear_message()
    {
        var dataDir = Directory.CreateTempSubdirectory("podbrief-feeds-cli-").FullName;
        await OperatorCliTests.RunCliAsync(["migrate"], dataDir);
        var (exit, output) = await OperatorCliTests.RunCliAsync(["podcasts", "add", "http://127.0.0.1:9/feed.xml"], dataDir);
        Assert.Equal(1, exit);
        // The console wraps long lines; compare with whitespace collapsed.
        Assert.Contains("private, loopback or reserved", System.Text.RegularExpressions.Regex.Replace(output, @"\s+", " "), StringComparison.Ordinal);
    }
}
