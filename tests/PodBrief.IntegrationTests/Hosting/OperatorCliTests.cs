using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using PodBrief.Core.Common;
using PodBrief.Core.Data;
using PodBrief.Testing;
using PodBrief.Web.Hosting;

namespace PodBrief.IntegrationTests.Hosting;

/// <summary>Runs the real executable as an operator would.</summary>
public class OperatorCliTests
{
    [Fact]
    public async Task Help_lists_the_verbs()
    {
        var (exit, output) = await RunCliAsync(["--help"], Directory.CreateTempSubdirectory("podbrief-cli-").FullName);
        Assert.Equal(0, exit);
        Assert.Contains("migrate", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_creates_the_sqlite_database_in_the_data_directory()
    {
        var dataDir = Directory.CreateTempSubdirectory("podbrief-cli-").FullName;
        var (exit, output) = await RunCliAsync(["migrate"], dataDir);
        Assert.True(exit == 0, output);
        var file = Path.Combine(dataDir, "podbrief.db");
        Assert.True(File.Exists(file));
        await using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new SqliteCommand("SELECT count(*) FROM sqlite_master WHERE name = 'Podcasts'", connection);
        Assert.Equal(1L, (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!);
    }

    [Fact]
    public async Task An_unknown_verb_fails_with_a_nonzero_exit()
    {
        var (exit, _) = await RunCliAsync(["frobnicate"], Directory.CreateTempSubdirectory("podbrief-cli-").FullName);
        Assert.NotEqual(0, exit);
    }

    [Fact]
    public async Task A_verb_on_a_brand_new_data_directory_migrates_first()
    {
        var dataDir = Directory.CreateTempSubdirectory("podbrief-cli-").FullName;

        var (exit, output) = await RunCliAsync(["podcasts", "list"], dataDir);

        Assert.True(exit == 0, output);
        Assert.True(new FileInfo(Path.Combine(dataDir, "podbrief.db")).Length > 0);
    }

    [Fact]
    public async Task Podcasts_add_on_a_brand_new_data_directory_adds_the_feed()
    {
        await using var server = await LoopbackHttpServer.StartAsync(async c =>
        {
            c.Response.ContentType = "application/rss+xml";
            await c.Response.WriteAsync(Feeds.FeedTestSupport.Rss(Feeds.FeedTestSupport.Item("ep-1", "https://cdn.example.com/1.mp3", "One")));
        });
        var dataDir = Directory.CreateTempSubdirectory("podbrief-cli-").FullName;

        var feedUrl = server.Url("/feed.xml").AbsoluteUri;
        var (exit, output) = await RunCliAsync(["podcasts", "add", feedUrl], dataDir,
            new Dictionary<string, string> { ["Feeds__AllowPrivateAddresses"] = "true" });

        Assert.True(exit == 0, output);
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(dataDir, "podbrief.db")};Pooling=False");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        // The starter catalog is seeded beside it; the feed we added is there once, with its episode.
        await using var command = new SqliteCommand(
            "SELECT count(*) FROM Episodes e JOIN Podcasts p ON p.Id = e.PodcastId WHERE p.FeedUrl = $url", connection);
        command.Parameters.AddWithValue("$url", feedUrl);
        Assert.Equal(1L, (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!);
    }

    [Fact]
    public async Task Without_migrations_at_startup_a_verb_says_to_run_migrate()
    {
        var dataDir = Directory.CreateTempSubdirectory("podbrief-cli-").FullName;

        var (exit, output) = await RunCliAsync(["podcasts", "list"], dataDir, new Dictionary<string, string> { ["Database__MigrateOnStartup"] = "false" });

        Assert.Equal(4, exit);
        var line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains("run `podbrief migrate` first", line, StringComparison.Ordinal);
    }

    /// <summary>A fresh data directory migrated by the CLI itself, and options for a context on its SQLite file.</summary>
    internal static async Task<(string DataDir, DbContextOptions<PodBriefDbContext> Options)> MigratedDataDirectoryAsync()
    {
        var dataDir = Directory.CreateTempSubdirectory("podbrief-cli-").FullName;
        var (migrated, migrateOutput) = await RunCliAsync(["migrate"], dataDir);
        Assert.True(migrated == 0, migrateOutput);
        return (dataDir, DataDirectoryOptions(dataDir));
    }

    /// <summary>Options for a context on the SQLite file the CLI keeps in <paramref name="dataDir"/>.</summary>
    internal static DbContextOptions<PodBriefDbContext> DataDirectoryOptions(string dataDir)
    {
        var builder = new DbContextOptionsBuilder<PodBriefDbContext>();
        DatabaseSetup.Configure(builder,
            new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={Path.Combine(dataDir, "podbrief.db")};Pooling=False" },
            new AppOptions { DataDirectory = dataDir });
        return builder.Options;
    }

    internal static async Task<(int Exit, string Output)> RunCliAsync(string[] args, string dataDirectory,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "PodBrief.Web.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = dataDirectory };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["App__DataDirectory"] = dataDirectory;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["NO_COLOR"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await stdout + await stderr);
    }
}
