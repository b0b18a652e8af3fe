using Microsoft.Extensions.DependencyInjection;
using PodBrief.Core.Data;

namespace PodBrief.Core.Feeds.Ingestion;

/// <summary>
/// Polls due (or, forced, all) podcasts now, a few at a time — what `poll --once` does (followed by
/// <c>DueTranscriptsRunner</c>) and what the scale harness measures. Each unit of work gets its own scope.
/// </summary>
public sealed class FeedPollRunner(IServiceScopeFactory scopes, TimeProvider clock)
{
    public async Task<IReadOnlyList<long>> DuePodcastIdsAsync(bool force, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PodBriefDbContext>();
        var due = await PollDueFeedsTick.DueAsync(db, clock.GetUtcNow().UtcDateTime, force, int.MaxValue, ct);
        return [.. due.Select(p => p.Id)];
    }

    public async Task<(int NewEpisodes, int Failed)> RefreshAllAsync(IReadOnlyList<long> podcastIds, bool force, int parallelism,
        Action<RefreshOutcome>? onEach, CancellationToken ct)
    {
        int added = 0, failed = 0;
        await Parallel.ForEachAsync(podcastIds, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism), CancellationToken = ct },
            async (id, token) =>
            {
                await using var scope = scopes.CreateAsyncScope();
                var outcome = await scope.ServiceProvider.GetRequiredService<RefreshPodcastJob>().RefreshAsync(id, force, token);
                Interlocked.Add(ref added, outcome.NewEpisodes);
                if (outcome.Error is not null)
                {
                    Interlocked.Increment(ref failed);
                }
                onEach?.Invoke(outcome);
            });
        return (added, failed);
    }
}
