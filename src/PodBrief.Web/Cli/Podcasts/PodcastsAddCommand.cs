using System.ComponentModel;
using PodBrief.Core.Data;
using PodBrief.Core.Feeds;
using Spectre.Console;
using Spectre.Console.Cli;

namespace PodBrief.Web.Cli.Podcasts;

internal sealed class PodcastsAddCommand(IServiceScopeFactory scopes) : AsyncCommand<PodcastsAddCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<url>")]
        [Description("The podcast's feed URL (RSS, Atom or JSON Feed).")]
        public string Url { get; init; } = "";
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var catalog = scope.ServiceProvider.GetRequiredService<IPodcastCatalog>();
        var result = await AnsiConsole.Status().StartAsync($"Fetching {Markup.Escape(settings.Url)}…",
            _ => catalog.AddAsync(settings.Url, PodcastSource.Operator, cancellationToken));
        if (!result.Succeeded)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]Not added:[/] {result.Error}");
            return 1;
        }
        var p = result.Podcast!;
        AnsiConsole.MarkupLineInterpolated($"[green]Podcast {p.Id}[/] {p.Title ?? p.FeedUrl} ({p.Status}, {p.FeedUrl}).");
        return 0;
    }
}
