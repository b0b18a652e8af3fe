using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PodBrief.Core.Data;
using PodBrief.Web.Hosting;

namespace PodBrief.Web.Cli;

/// <summary>
/// Before a CLI verb touches the database: where migrations apply at startup (the embedded default) they apply
/// now, as the web host would; otherwise a database behind its migrations is reported in one line.
/// </summary>
internal static class DatabaseGate
{
    public const int ExitCode = 4;

    /// <summary>Null when the database is ready, else the line to print.</summary>
    public static async Task<string?> EnsureReadyAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var options = scope.ServiceProvider.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        if (options.ShouldMigrateOnStartup)
        {
            await DatabaseSetup.PrepareAsync(scope.ServiceProvider, migrate: true, CancellationToken.None);
            return null;
        }
        var db = scope.ServiceProvider.GetRequiredService<PodBriefDbContext>();
        var pending = (await db.Database.GetPendingMigrationsAsync()).Count();
        return pending == 0 ? null
            : $"The database has {pending} pending migration(s): run `podbrief migrate` first (Database:MigrateOnStartup is off).";
    }
}
