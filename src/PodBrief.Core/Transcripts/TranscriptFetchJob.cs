using PodBrief.Core.Data;

namespace PodBrief.Core.Transcripts;

/// <summary>
/// Gets one episode's transcript: the best publisher transcript, else speech-to-text, else show notes; records
/// status, provenance and errors on the episode. Safe to run twice. (Built by the transcript work.)
/// </summary>
public sealed class TranscriptFetchJob(PodBriefDbContext db)
{
    /// <summary>Ids of episodes whose transcript stage is due now (pending, or a retry whose time has come).</summary>
    public Task<IReadOnlyList<long>> DueEpisodeIdsAsync(int max, CancellationToken cancellationToken)
    {
        _ = (db, max, cancellationToken);
        return Task.FromResult<IReadOnlyList<long>>([]);
    }

    public Task RunAsync(long episodeId, CancellationToken cancellationToken)
    {
        _ = (db, episodeId, cancellationToken);
        return Task.CompletedTask;
    }
}
