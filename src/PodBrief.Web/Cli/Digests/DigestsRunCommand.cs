using System.ComponentModel;
using PodBrief.Core.Data;
using PodBrief.Core.Digests;
using Spectre.Console;
using Spectre.Console.Cli;

namespace PodBrief.Web.Cli.Digests;

/// <summary>
/// `digests run --once [--dry-run]`: dispatch due digests now and send them in-process (no Hangfire server
/// needed). Without --once it repeats every 5 minutes until Ctrl+C, like the recurring tick.
/// </summary>
internal sealed class DigestsRunCommand(IServiceScopeFactory scopes, TimeProvider time) : AsyncCommand<DigestsRunCommand.Settings>
{
    internal sealed class Settings : CommandSettings
    {
        [CommandOption("--once")]
        [Description("Dispatch and send what is due now, then exit.")]
        public bool Once { get; init; }

        [CommandOption("--dry-run")]
        [Description("Print who would get which cards; write and send nothing.")]
        public bool DryRun { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        while (true)
        {
            var failures = await RunOnceAsync(settings.DryRun, cancellationToken);
            if (settings.Once || settings.DryRun)
            {
                return failures == 0 ? 0 : 1;
            }
            await Task.Delay(TimeSpan.FromMinutes(5), time, cancellationToken);
        }
    }

    private async Task<int> RunOnceAsync(bool dryRun, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        DispatchReport report = null!;
        await AnsiConsole.Progress().StartAsync(async progress =>
        {
            var task = progress.AddTask(dryRun ? "Ranking due subscribers (dry run)" : "Dispatching due digests", maxValue: 1);
            await using var scope = scopes.CreateAsyncScope();
            var dispatcher = scope.ServiceProvider.GetRequiredService<DigestDispatcher>();
            report = await dispatcher.DispatchDueAsync(now, dryRun ? DispatchMode.DryRun : DispatchMode.CreateOnly,
                new Progress<DispatchProgress>(p =>
                {
                    task.MaxValue = Math.Max(1, p.Due);
                    task.Value = p.Done;
                }), cancellationToken);
            task.Value = task.MaxValue;
        });

        if (dryRun)
        {
            PrintDryRun(report);
            return 0;
        }
        AnsiConsole.MarkupLineInterpolated(
            $"{report.Due} due: [green]{report.Count(DigestState.Pending)} to send[/], {report.Count(DigestState.Empty)} empty (nothing cleared the quality floor), {report.Count(DigestState.Skipped)} skipped as too late, {report.AlreadyHandled} already handled.");
        return await SendAsync(report.Digests.Where(d => d.State == DigestState.Pending && d.DigestId is not null).Select(d => d.DigestId!.Value).ToList(), cancellationToken);
    }

    private async Task<int> SendAsync(List<long> digestIds, CancellationToken cancellationToken)
    {
        var failures = 0;
        if (digestIds.Count == 0)
        {
            return 0;
        }
        await AnsiConsole.Progress().StartAsync(async progress =>
        {
            var task = progress.AddTask("Sending digests", maxValue: digestIds.Count);
            foreach (var id in digestIds)
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var job = ActivatorUtilities.GetServiceOrCreateInstance<SendDigestJob>(scope.ServiceProvider);
                    await job.RunAsync(id, cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    failures++;
                    AnsiConsole.MarkupLineInterpolated($"[red]Digest {id}: {ex.Message}[/]");
                }
                task.Increment(1);
            }
        });
        AnsiConsole.MarkupLineInterpolated($"Sent {digestIds.Count - failures} of {digestIds.Count} digest(s).");
        return failures;
    }

    /// <summary>Plain lines (not a table) so nothing wraps and the output can be grepped.</summary>
    private static void PrintDryRun(DispatchReport report)
    {
        Console.WriteLine($"{report.Due} subscriber(s) due. Dry run: nothing written, nothing sent.");
        foreach (var digest in report.Digests)
        {
            var outcome = digest.State switch
            {
                DigestState.Pending => $"would send {digest.Items.Count} card(s)",
                DigestState.Empty => "nothing clears the quality floor (empty digest, no mail)",
                DigestState.Skipped => "too late, would be skipped",
                _ => digest.State.ToString(),
            };
            Console.WriteLine($"{digest.Email} {digest.LocalDate:yyyy-MM-dd}: {outcome}");
            for (var i = 0; i < digest.Items.Count; i++)
            {
                var item = digest.Items[i];
                Console.WriteLine($"  {i + 1}. {item.Headline} ({item.WhyLine}; score {item.Score:0.000})");
            }
        }
    }
}
