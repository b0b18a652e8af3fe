using System.ComponentModel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
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
            // Non-zero when any digest did not reach the mail server (issue 10, defect 5).
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
        if (dryRun)
        {
            DispatchReport report = null!;
            await using var scope = scopes.CreateAsyncScope();
            report = await scope.ServiceProvider.GetRequiredService<DigestDispatcher>().DispatchDueAsync(now, DispatchMode.DryRun, null, cancellationToken);
            PrintDryRun(report);
            return 0;
        }

        IReadOnlyList<(long First, long Last)> ranges;
        await using (var scope = scopes.CreateAsyncScope())
        {
            ranges = await scope.ServiceProvider.GetRequiredService<DigestDispatcher>().DueRangesAsync(now, cancellationToken);
        }
        var dispatched = new DispatchReport();
        var sent = new DigestSendReport();
        await AnsiConsole.Progress().StartAsync(async progress =>
        {
            var task = progress.AddTask("Dispatching and sending due digests", maxValue: Math.Max(1, ranges.Count));
            // The same batch job the web app's workers run; two at once, so one ranks while the other sends.
            await Parallel.ForEachAsync(ranges, new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = cancellationToken },
                async (range, ct) =>
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var (batch, batchSent) = await scope.ServiceProvider.GetRequiredService<DispatchDigestBatchJob>()
                        .DispatchAndSendAsync(range.First, range.Last, ct);
                    lock (dispatched)
                    {
                        dispatched.Due += batch.Due;
                        dispatched.AlreadyHandled += batch.AlreadyHandled;
                        dispatched.Digests.AddRange(batch.Digests);
                        sent.Add(batchSent);
                    }
                    task.Increment(1);
                });
            task.Value = task.MaxValue;
        });
        AnsiConsole.MarkupLineInterpolated(
            $"{dispatched.Due} due: [green]{dispatched.Count(DigestState.Pending)} to send[/], {dispatched.Count(DigestState.Empty)} empty (nothing cleared the quality floor), {dispatched.Count(DigestState.Skipped)} skipped as too late, {dispatched.AlreadyHandled} already handled.");

        // Digests waiting for a retry that is due (or never attempted): the same batched send path.
        var retried = await SendDueRetriesAsync(cancellationToken);
        sent.Add(retried);
        if (retried.Claimed > 0)
        {
            AnsiConsole.MarkupLineInterpolated($"{retried.Claimed} earlier digest(s) due for a retry were sent again.");
        }
        var color = sent.NotDelivered > 0 ? "red" : "green";
        AnsiConsole.MarkupLine($"[{color}]Sending: {Markup.Escape(sent.ToString())}.[/]");
        if (sent.NotDelivered > 0)
        {
            await PrintFailuresAsync(cancellationToken);
        }
        return sent.NotDelivered;
    }

    private async Task<DigestSendReport> SendDueRetriesAsync(CancellationToken cancellationToken)
    {
        var total = new DigestSendReport();
        var now = time.GetUtcNow().UtcDateTime;
        long after = 0;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PodBriefDbContext>();
            var batchSize = scope.ServiceProvider.GetRequiredService<IOptions<DigestOptions>>().Value.BatchSize;
            // In-process nobody else is going to send a never-attempted digest, so those count as due too.
            var due = await RetryDueDigestsTick.FindDueAsync(db, now, DateTime.MaxValue, after, batchSize, cancellationToken);
            if (due.Count == 0)
            {
                return total;
            }
            after = due[^1];
            total.Add(await scope.ServiceProvider.GetRequiredService<DigestBatchSender>().SendAsync(due, cancellationToken));
        }
    }

    /// <summary>The latest errors, so the operator sees why (the admin Outbox page has the full list).</summary>
    private async Task PrintFailuresAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PodBriefDbContext>();
        var since = time.GetUtcNow().UtcDateTime.AddHours(-1);
        var errors = await db.Digests.AsNoTracking()
            .Where(d => d.LastError != null && d.ClaimedAt >= since
                && (d.State == DigestState.Pending || d.State == DigestState.Failed || d.State == DigestState.Unknown))
            .GroupBy(d => d.LastError!).Select(g => new { Error = g.Key, Count = g.Count() })
            .OrderByDescending(g => g.Count).Take(5).ToListAsync(cancellationToken);
        foreach (var error in errors)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]  {error.Count} × {error.Error}[/]");
        }
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
