using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PodBrief.Core.Common;
using PodBrief.Core.Data;

namespace PodBrief.Web.Hosting;

public static class DatabaseSetup
{
    public const string SqliteMigrationsAssembly = "PodBrief.Migrations.Sqlite";
    public const string PostgresMigrationsAssembly = "PodBrief.Migrations.Postgres";

    public static void AddDatabase(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DatabaseOptions>()
            .BindConfiguration(DatabaseOptions.Section)
            .Validate(o => o.Provider != DatabaseProvider.Postgres || !string.IsNullOrWhiteSpace(o.ConnectionString),
                "Database:ConnectionString is required when Database:Provider is Postgres.")
            .ValidateOnStart();

        // Options are read when the context is first resolved, so test hosts can override configuration late. They
        // are built once per host (singleton), not once per request scope: configuring them per scope (provider
        // options, warnings, the SQLite data directory created again) was a tenth of the landing page's CPU (issue 13).
        builder.Services.AddDbContext<PodBriefDbContext>((sp, options) =>
            Configure(options, sp.GetRequiredService<IOptions<DatabaseOptions>>().Value, sp.GetRequiredService<AppOptions>()),
            optionsLifetime: ServiceLifetime.Singleton);
        builder.Services.AddDbContextFactory<PodBriefDbContext>(lifetime: ServiceLifetime.Scoped);
        builder.Services.AddHostedService<DatabasePreparation>();
    }

    /// <summary>Points EF Core at the configured provider and that provider's migrations assembly.</summary>
    public static void Configure(DbContextOptionsBuilder options, DatabaseOptions database, AppOptions app)
    {
        switch (database.Provider)
        {
            case DatabaseProvider.Postgres:
                // No retrying execution strategy: it forbids the explicit transactions the digest claim relies on;
                // Hangfire retries whole jobs instead.
                options.UseNpgsql(database.ConnectionString, npgsql => npgsql.MigrationsAssembly(PostgresMigrationsAssembly));
                break;
            default:
                options.UseSqlite(SqliteConnectionString(database, app), sqlite => sqlite
                    .MigrationsAssembly(SqliteMigrationsAssembly))
                    .AddInterceptors(SqliteWalSynchronousInterceptor.Instance);
                break;
        }
    }

    public static string SqliteConnectionString(DatabaseOptions database, AppOptions app)
    {
        if (!string.IsNullOrWhiteSpace(database.ConnectionString))
        {
            return database.ConnectionString;
        }
        var directory = app.ResolveDataDirectory();
        Directory.CreateDirectory(directory);
        // Shared cache off, WAL set by the migrator; a busy timeout lets concurrent jobs wait instead of failing.
        return $"Data Source={Path.Combine(directory, "podbrief.db")};Default Timeout=30";
    }

    public static async Task PrepareAsync(IServiceProvider services, bool migrate, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<PodBriefDbContext>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("PodBrief.Database");
        if (migrate)
        {
            await db.Database.MigrateAsync(cancellationToken);
            if (db.Database.IsSqlite())
            {
                // WAL lets the web app read while a job writes.
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            }
        }
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            logger.LogWarning("Database has {Count} pending migrations ({First}…); run `migrate` before seeding.", pending.Count, pending[0]);
            return;
        }
        foreach (var seeder in services.GetServices<IDatabaseSeeder>().OrderBy(s => s.Order))
        {
            await seeder.SeedAsync(db, cancellationToken);
        }
    }
}
