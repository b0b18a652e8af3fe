using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;
using PodBrief.Core.Data;
using PodBrief.Core.Feeds.Catalog;
using Spectre.Console;
using Spectre.Console.Cli;

namespace PodBrief.Web.Cli.Podcasts;

internal sealed class PodcastsListCommand(IServiceScopeFactory scopes) : AsyncCommand<PodcastsListCommand.Settings>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public sealed class Settings : CommandSettings
    {
        [CommandOption("--json")]
        [Description("Print the list as JSON.")]
        public bool Json { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var rows = await PodcastOverview.LoadAsync(scope.ServiceProvider.GetRequiredService<PodBriefDbContext>(), cancellationToken);
        if (settings.Json)
        {
            // Plain stdout, no markup: scripts parse this.
            Console.Out.WriteLine(JsonSerializer.Serialize(rows, Json));
            return 0;
        }
        var table = new Table().AddColumns("Id", "Podcast", "Status", "Episodes", "Publisher", "STT", "Show notes", "None", "Last fetch", "Last error");
        foreach (var r in rows)
        {
            table.AddRow(r.Id.ToString(), Markup.Escape(r.Title ?? r.FeedUrl), r.Status.ToString(), r.Episodes.ToString(), r.TranscriptPublisher.ToString(),
                r.TranscriptSpeechToText.ToString(), r.TranscriptShowNotes.ToString(), r.TranscriptNone.ToString(),
                r.LastFetchedAt?.ToString("u") ?? "never", Markup.Escape(r.LastError ?? ""));
        }
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLineInterpolated($"{rows.Count} podcast(s).");
        return 0;
    }
}
