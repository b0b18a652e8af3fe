using Microsoft.Extensions.DependencyInjection;
using PodBrief.Core.Data;
using PodBrief.Core.Transcripts;

namespace PodBrief.Core.Feeds.Ingestion;

public sealed record PollSummary(int Feeds, int Failed, int NewEpisodes, int TranscriptsRun);

/// <summary>
/// Polls due (or, forced, all) podcasts now, a few at a time, then runs the transcript stage of due episodes to
/// completion — what `poll --once` does and what the scale harness measures. Each unit of work gets its own scope.
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

    /// <summary>Runs the transcript stage until nothing new is due. Returns how many episodes it ran.</summary>
    public async Task<int> RunDueTranscriptsAsync(Action<int, int>? onProgress, CancellationToken ct)
    {
        var done = new HashSet<long>();
        while (true)
        {
            IReadOnlyList<long> due;
            await using (var scope = scopes.CreateAsyncScope())
            {
                due = await scope.ServiceProvider.GetRequiredService<TranscriptFetchJob>().DueEpisodeIdsAsync(200, ct);
            }
            var fresh = due.Where(done.Add).ToList();
            if (fresh.Count == 0)
            {
                return done.Count;
            }
            foreach (var id in fresh)
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<TranscriptFetchJob>().RunAsync(id, ct);
                onProgress?.Invoke(done.Count, done.Count + due.Count - fresh.Count);
            }
        }
    }
}
