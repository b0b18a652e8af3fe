using Microsoft.EntityFrameworkCore;
using PodBrief.Core.Data;
using PodBrief.Testing;
using static PodBrief.IntegrationTests.Transcripts.TranscriptTestData;

namespace PodBrief.IntegrationTests.Transcripts;

/// <summary>
/// The transcript stage is claimed once per episode: found by the black box (two `poll --once` at once fetched 7–8
/// transcripts for 6 episodes), since a second worker would also pay speech to text.
/// </summary>
public class TranscriptClaimTests
{
    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task Two_workers_on_one_episode_fetch_its_transcript_once(DatabaseProvider provider)
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await LoopbackHttpServer.StartAsync(async context =>
        {
            entered.TrySetResult();
            await release.Task.WaitAsync(TimeSpan.FromMinutes(1));
            await WriteAsync(context, 200, "text/vtt", Vtt);
        });
        await using var app = await TestApp.StartAsync(provider, Settings());
        var id = await AddEpisodeAsync(app, TimeSpan.FromDays(1), null, Link(server, "t.vtt", "text/vtt"));

        var first = RunJobAsync(app, id);
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.DoesNotContain(id, await DueAsync(app)); // the tick and the CLI do not even list it while it is held
        await RunJobAsync(app, id);
        release.SetResult();
        await first;
        await RunJobAsync(app, id);

        Assert.Single(server.Requests);
        var episode = await LoadAsync(app, id);
        Assert.Equal((TranscriptStatus.Available, (DateTime?)null), (episode.TranscriptStatus, episode.TranscriptLeaseUntil));
        await using var db = app.CreateDbContext();
        Assert.Equal(1, await db.Transcripts.CountAsync(t => t.EpisodeId == id, TestContext.Current.CancellationToken));
    }
}
