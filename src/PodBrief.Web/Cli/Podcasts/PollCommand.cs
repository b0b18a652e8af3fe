using System.ComponentModel;
using PodBrief.Core.Feeds.Ingestion;
using PodBrief.Core.Transcripts;
using Spectre.Console;
using Spectre.Console.Cli;

namespace PodBrief.Web.Cli.Podcasts;

/// <summary>`poll --once [--force]`: poll feeds now, then fetch the transcripts of their new episodes, with progress.
/// Without --once it repeats every five minutes until Ctrl+C (see <see cref="RepeatingPass"/>).</summary>
internal sealed class PollCommand(FeedPollRunner runner, DueTranscriptsRunner transcriptStage, TimeProvider clock) : AsyncCommand<PollCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--once")]
        [Description("One pass, then exit. Without it: a pass every 5 minutes until Ctrl+C.")]
        public bool Once { get; init; }

        [CommandOption("--force")]
        [Description("Poll every podcast that is not disabled, due or not (resumes paused ones that succeed).")]
        public bool Force { get; init; }

        [CommandOption("--any-age")]
        [Description("Also fetch transcripts of episodes older than Insights:MaxEpisodeAgeDays (they cannot become cards unless extracted with --force).")]
        public bool AnyAge { get; init; }

        [CommandOption("--parallel")]
        [Description("Feeds fetched at the same time (default 4).")]
        public int Parallel { get; init; } = 4;
    }

    public override Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken) =>
        RepeatingPass.RunAsync(settings.Once, ct => PassAsync(settings, ct), clock, cancellationToken);

    /// <summary>Feed failures are expected (and recorded on each feed), so they do not change the exit code.</summary>
    private async Task<int> PassAsync(Settings settings, CancellationToken cancellationToken)
    {
        var ids = await runner.DuePodcastIdsAsync(settings.Force, cancellationToken);
        int added = 0, failed = 0, transcripts = 0;
        await AnsiConsole.Progress().StartAsync(async progress =>
        {
            var feeds = progress.AddTask($"Feeds ({ids.Count})", maxValue: Math.Max(1, ids.Count));
            (added, failed) = await runner.RefreshAllAsync(ids, settings.Force, settings.Parallel, _ => feeds.Increment(1), cancellationToken);
            feeds.Value = feeds.MaxValue;
            var stage = progress.AddTask("Transcripts", maxValue: 1);
            transcripts = await transcriptStage.RunAsync((done, total) =>
            {
                stage.MaxValue = Math.Max(1, total);
                stage.Value = done;
            }, cancellationToken, settings.AnyAge);
            stage.Value = stage.MaxValue;
        });
        AnsiConsole.MarkupLineInterpolated($"Polled {ids.Count} feed(s): [green]{added} new episode(s)[/], {failed} with errors; transcript stage ran for {transcripts} episode(s).");
        if (failed > 0)
        {
            AnsiConsole.MarkupLine("See [bold]podcasts list[/] for each feed's last error.");
        }
        return 0;
    }
}
