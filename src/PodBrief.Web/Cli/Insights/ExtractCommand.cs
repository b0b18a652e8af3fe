using System.ComponentModel;
using Microsoft.Extensions.Options;
using PodBrief.Core.Data;
using PodBrief.Core.Insights;
using Spectre.Console;
using Spectre.Console.Cli;

namespace PodBrief.Web.Cli.Insights;

/// <summary>`extract --once [--force]`: extracts every due episode now, in this process, with progress. Without --once
/// it repeats every five minutes until Ctrl+C (see <see cref="RepeatingPass"/>).</summary>
internal sealed class ExtractCommand(IServiceScopeFactory scopes, IOptions<InsightsOptions> options, TimeProvider clock)
    : AsyncCommand<ExtractCommand.Settings>
{
    internal sealed class Settings : CommandSettings
    {
        [CommandOption("--once")]
        [Description("One pass, then exit. Without it: a pass every 5 minutes until Ctrl+C.")]
        public bool Once { get; init; }

        [CommandOption("--force")]
        [Description("Ignore Insights:MaxEpisodeAgeDays and extract episodes already done again.")]
        public bool Force { get; init; }

        [CommandOption("--limit <N>")]
        [Description("At most this many episodes (default 500).")]
        public int Limit { get; init; } = 500;
    }

    public override Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken) =>
        RepeatingPass.RunAsync(settings.Once, ct => PassAsync(settings, ct), clock, cancellationToken);

    private async Task<int> PassAsync(Settings settings, CancellationToken cancellationToken)
    {
        List<long> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PodBriefDbContext>();
            due = await ExtractionQueue.DueEpisodeIdsAsync(db, clock.GetUtcNow().UtcDateTime, options.Value.MaxEpisodeAgeDays, settings.Force, settings.Limit, cancellationToken);
        }
        if (due.Count == 0)
        {
            AnsiConsole.MarkupLine("No episodes are due for extraction.");
            return 0;
        }
        var outcomes = new List<ExtractionOutcome>();
        await AnsiConsole.Progress().StartAsync(async progress =>
        {
            var task = progress.AddTask($"Extracting {due.Count} episode(s)", maxValue: due.Count);
            foreach (var id in due)
            {
                await using var scope = scopes.CreateAsyncScope();
                var job = scope.ServiceProvider.GetRequiredService<ExtractEpisodeJob>();
                outcomes.Add(await job.RunAsync(id, settings.Force, cancellationToken));
                task.Increment(1);
            }
        });
        foreach (var group in outcomes.GroupBy(o => o.Status).OrderBy(g => g.Key))
        {
            AnsiConsole.MarkupLineInterpolated($"{group.Key}: {group.Count()} episode(s), {group.Sum(o => o.Cards)} card(s)");
        }
        foreach (var failed in outcomes.Where(o => o.Status == ExtractionStatus.Failed))
        {
            AnsiConsole.MarkupLineInterpolated($"[red]failed:[/] {failed.Message}");
        }
        return outcomes.Any(o => o.Status == ExtractionStatus.Failed) ? 1 : 0;
    }
}
