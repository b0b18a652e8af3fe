using System.Diagnostics;

namespace PodBrief.Core.Mail;

/// <summary>
/// Spaces sends evenly so no more than the configured number per second reach the server. Real time on
/// purpose (not the injectable TimeProvider): it paces a network peer, and a frozen test clock must not stall it.
/// </summary>
internal sealed class SendRateLimiter(double maxPerSecond)
{
    private readonly Lock _gate = new();
    private readonly long _intervalTicks = maxPerSecond > 0 ? (long)(Stopwatch.Frequency / maxPerSecond) : 0;
    private long _nextSlot = Stopwatch.GetTimestamp();

    public Task WaitAsync(CancellationToken cancellationToken)
    {
        if (_intervalTicks == 0)
        {
            return Task.CompletedTask;
        }
        long wait;
        lock (_gate)
        {
            var now = Stopwatch.GetTimestamp();
            var slot = Math.Max(now, _nextSlot);
            _nextSlot = slot + _intervalTicks;
            wait = slot - now;
        }
        return wait <= 0 ? Task.CompletedTask : Task.Delay(Stopwatch.GetElapsedTime(0, wait), cancellationToken);
    }
}
