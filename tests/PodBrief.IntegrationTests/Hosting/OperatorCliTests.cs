using System.Diagnostics;
using Microsoft.Data.Sqlite;

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

    internal static async Task<(int Exit, string Output)> RunCliAsync(string[] args, string dataDirectory)
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
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await stdout + await stderr);
    }
}
