namespace PodBrief.Web.Cli;

/// <summary>
/// What `--once` means for every verb that works through due items (poll, extract, digests run): with it, one pass
/// and exit with that pass's code; without it, a pass every five minutes (the recurring ticks' pace) until Ctrl+C.
/// </summary>
internal static class RepeatingPass
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    public static async Task<int> RunAsync(bool once, Func<CancellationToken, Task<int>> pass, TimeProvider clock, CancellationToken cancellationToken)
    {
        while (true)
        {
            var exit = await pass(cancellationToken);
            if (once)
            {
                return exit;
            }
            try
            {
                await Task.Delay(Interval, clock, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return exit;
            }
        }
    }
}
