using Microsoft.EntityFrameworkCore;
using PodBrief.Core.Data;
using PodBrief.Web.Hosting;
using Spectre.Console;
using Spectre.Console.Cli;

namespace PodBrief.Web.Cli;

internal sealed class MigrateCommand(IServiceScopeFactory scopes) : AsyncCommand
{
    public override async Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PodBriefDbContext>();
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        AnsiConsole.MarkupLineInterpolated($"Provider [bold]{db.Database.ProviderName}[/]: {pending.Count} pending migration(s).");
        await DatabaseSetup.PrepareAsync(scope.ServiceProvider, migrate: true, cancellationToken);
        AnsiConsole.MarkupLine("[green]Database is up to date.[/]");
        return 0;
    }
}
