using Microsoft.Extensions.DependencyInjection;

namespace PodBrief.Core.Transcripts;

/// <summary>
/// Runs the transcript stage in-process until nothing new is due: what `poll --once` does after polling, instead of
/// waiting for the recurring tick. Each episode gets its own scope.
/// </summary>
public sealed class DueTranscriptsRunner(IServiceScopeFactory scopes)
{
    /// <summary>
    /// Runs the transcript stage until nothing new is due. Returns how many episodes it ran. <paramref name="anyAge"/>
    /// also fetches episodes older than the extraction window (on demand; the tick never does).
    /// </summary>
    public async Task<int> RunAsync(Action<int, int>? onProgress, CancellationToken ct, bool anyAge = false)
    {
        var done = new HashSet<long>();
        while (true)
        {
            IReadOnlyList<long> due;
            await using (var scope = scopes.CreateAsyncScope())
            {
                due = await scope.ServiceProvider.GetRequiredService<TranscriptFetchJob>().DueEpisodeIdsAsync(200, ct, anyAge);
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
