using System.ComponentModel;
using PodBrief.Core.Feeds.Catalog;
using Spectre.Console;
using Spectre.Console.Cli;

namespace PodBrief.Web.Cli.Podcasts;

internal sealed class PodcastsImportCommand(IServiceScopeFactory scopes) : AsyncCommand<PodcastsImportCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<file>")]
        [Description("An OPML file of feeds (as podcast apps export them).")]
        public string File { get; init; } = "";
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (!System.IO.File.Exists(settings.File))
        {
            AnsiConsole.MarkupLineInterpolated($"[red]No such file:[/] {settings.File}");
            return 1;
        }
        await using var scope = scopes.CreateAsyncScope();
        await using var stream = System.IO.File.OpenRead(settings.File);
        try
        {
            var result = await scope.ServiceProvider.GetRequiredService<OpmlImporter>().ImportAsync(stream, cancellationToken);
            AnsiConsole.MarkupLineInterpolated($"[green]{result.Added} added[/], {result.AlreadyKnown} already known, {result.Rejected.Count} rejected.");
            foreach (var url in result.Rejected)
            {
                AnsiConsole.MarkupLineInterpolated($"  [yellow]rejected[/] {url}");
            }
            AnsiConsole.MarkupLine("New podcasts are fetched by the next poll ([bold]poll --once[/] to do it now).");
            return 0;
        }
        catch (FormatException ex)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]{ex.Message}[/]");
            return 1;
        }
    }
}
