using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;
using PodBrief.Core.Data;
using PodBrief.Core.Feeds.Catalog;
using Spectre.Console;
using Spectre.Console.Cli;

namespace PodBrief.Web.Cli.Podcasts;

internal sealed class PodcastsListCommand(IServiceScopeFactory scopes, TimeProvider clock) : AsyncCommand<PodcastsListCommand.Settings>
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
        // Fits an 80-column terminal: short columns in the table, titles shortened, errors listed below it.
        var now = clock.GetUtcNow().UtcDateTime;
        var table = new Table().Border(TableBorder.Simple)
            .AddColumns("Id", "Podcast", "Status", "Eps", "Transcripts", "Fetched");
        table.Columns[0].RightAligned();
        table.Columns[3].RightAligned();
        foreach (var r in rows)
        {
            table.AddRow(r.Id.ToString(), Markup.Escape(Shorten(r.Title ?? r.FeedUrl, 28)), r.Status.ToString(), r.Episodes.ToString(),
                $"{r.TranscriptPublisher}/{r.TranscriptSpeechToText}/{r.TranscriptShowNotes}/{r.TranscriptNone}",
                r.LastFetchedAt is { } fetched ? Ago(now - fetched) : "never");
        }
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine("[grey]Transcripts: publisher/speech-to-text/show notes/none. --json for every field.[/]");
        foreach (var r in rows.Where(r => !string.IsNullOrEmpty(r.LastError)))
        {
            AnsiConsole.MarkupLineInterpolated($"[yellow]{r.Id}[/] {Shorten(r.LastError!, 74 - r.Id.ToString().Length)}");
        }
        AnsiConsole.MarkupLineInterpolated($"{rows.Count} podcast(s).");
        return 0;
    }

    private static string Shorten(string text, int max)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length <= max ? line : line[..(max - 1)] + "…";
    }

    private static string Ago(TimeSpan age) => age switch
    {
        { TotalMinutes: < 1 } => "just now",
        { TotalHours: < 1 } => $"{(int)age.TotalMinutes}m ago",
        { TotalDays: < 1 } => $"{(int)age.TotalHours}h ago",
        _ => $"{(int)age.TotalDays}d ago",
    };
}
