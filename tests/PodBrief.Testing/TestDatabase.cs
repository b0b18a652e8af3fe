using Microsoft.EntityFrameworkCore;
using PodBrief.Core.Common;
using PodBrief.Core.Data;
using PodBrief.Web.Hosting;

namespace PodBrief.Testing;

/// <summary>
/// A fresh, migrated database per test on the chosen provider. PostgreSQL databases are cloned from a template
/// migrated once per test run (CREATE DATABASE ... TEMPLATE), so each test starts clean and tests run in parallel.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private static readonly SemaphoreSlim TemplateLock = new(1, 1);
    private static string? _postgresTemplate;
    private static string? _sqliteTemplateFile;

    private TestDatabase(DatabaseProvider provider, string connectionString, string directory)
    {
        Provider = provider;
        ConnectionString = connectionString;
        Directory = directory;
    }

    public DatabaseProvider Provider { get; }
    public string ConnectionString { get; }

    /// <summary>A private temp folder (also used as the app's data directory).</summary>
    public string Directory { get; }

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("podbrief-test-").FullName;
        if (provider == DatabaseProvider.Postgres)
        {
            var server = await PostgresServer.RequireAsync();
            var template = await EnsurePostgresTemplateAsync(server);
            return new TestDatabase(provider, await server.CreateDatabaseAsync(template), directory);
        }
        var file = Path.Combine(directory, "podbrief.db");
        File.Copy(await EnsureSqliteTemplateAsync(), file);
        return new TestDatabase(provider, $"Data Source={file};Default Timeout=30;Pooling=False", directory);
    }

    public PodBriefDbContext CreateContext()
    {
        var builder = new DbContextOptionsBuilder<PodBriefDbContext>();
        DatabaseSetup.Configure(builder, Options(Provider, ConnectionString), new AppOptions { DataDirectory = Directory });
        return new PodBriefDbContext(builder.Options);
    }

    public ValueTask DisposeAsync()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a lingering connection; the OS temp cleaner will get it.
        }
        return ValueTask.CompletedTask;
    }

    private static DatabaseOptions Options(DatabaseProvider provider, string connectionString) =>
        new() { Provider = provider, ConnectionString = connectionString };

    private static async Task<string> EnsurePostgresTemplateAsync(PostgresServer server)
    {
        await TemplateLock.WaitAsync();
        try
        {
            if (_postgresTemplate is null)
            {
                var connectionString = await server.CreateDatabaseAsync();
                await MigrateAsync(DatabaseProvider.Postgres, connectionString);
                Npgsql.NpgsqlConnection.ClearAllPools();
                _postgresTemplate = new Npgsql.NpgsqlConnectionStringBuilder(connectionString).Database;
            }
            return _postgresTemplate!;
        }
        finally
        {
            TemplateLock.Release();
        }
    }

    private static async Task<string> EnsureSqliteTemplateAsync()
    {
        await TemplateLock.WaitAsync();
        try
        {
            if (_sqliteTemplateFile is null)
            {
                var file = Path.Combine(System.IO.Directory.CreateTempSubdirectory("podbrief-template-").FullName, "template.db");
                await MigrateAsync(DatabaseProvider.Sqlite, $"Data Source={file};Pooling=False");
                _sqliteTemplateFile = file;
            }
            return _sqliteTemplateFile;
        }
        finally
        {
            TemplateLock.Release();
        }
    }

    private static async Task MigrateAsync(DatabaseProvider provider, string connectionString)
    {
        var builder = new DbContextOptionsBuilder<PodBriefDbContext>();
        DatabaseSetup.Configure(builder, Options(provider, connectionString), new AppOptions());
        await using var db = new PodBriefDbContext(builder.Options);
        await db.Database.MigrateAsync();
    }
}
