using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PodBrief.Core.Data;
using PodBrief.Core.Transcripts;
using PodBrief.Testing;
using static PodBrief.IntegrationTests.Transcripts.TranscriptTestData;

namespace PodBrief.IntegrationTests.Transcripts;

public class FetchDueTranscriptsTickTests
{
    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task The_tick_enqueues_one_job_per_due_episode_and_leases_them(DatabaseProvider provider)
    {
        var recorder = new RecordingJobClient();
        await using var app = await TestApp.StartAsync(provider, Settings(),
            services => services.Replace(ServiceDescriptor.Singleton<IBackgroundJobClient>(recorder)));
        var due = await AddEpisodeAsync(app, TimeSpan.FromDays(1));
        var later = await AddEpisodeAsync(app, TimeSpan.FromDays(1), e =>
        {
            e.TranscriptStatus = TranscriptStatus.NotYetAvailable;
            e.TranscriptNextAttemptAt = app.Clock.GetUtcNow().UtcDateTime.AddHours(1);
        });
        var done = await AddEpisodeAsync(app, TimeSpan.FromDays(1), e => e.TranscriptStatus = TranscriptStatus.Available);

        await RunTickAsync(app);
        await RunTickAsync(app); // leased: not enqueued again

        var job = Assert.Single(recorder.Jobs);
        Assert.Equal((typeof(TranscriptFetchJob), nameof(TranscriptFetchJob.RunAsync), due), (job.Type, job.Method.Name, (long)job.Args[0]!));
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime + FetchDueTranscriptsTick.Lease, (await LoadAsync(app, due)).TranscriptNextAttemptAt);

        app.Clock.Advance(TimeSpan.FromMinutes(61)); // the lease and the retry time have both passed
        await RunTickAsync(app);
        Assert.Equal([due, due, later], recorder.Jobs.Select(j => (long)j.Args[0]!).Order());
        Assert.DoesNotContain(recorder.Jobs, j => (long)j.Args[0]! == done);
    }

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task Only_episodes_inside_the_extraction_window_are_fetched_older_ones_on_demand(DatabaseProvider provider)
    {
        var recorder = new RecordingJobClient();
        await using var app = await TestApp.StartAsync(provider, Settings(new Dictionary<string, string?> { ["Insights:MaxEpisodeAgeDays"] = "7" }),
            services => services.Replace(ServiceDescriptor.Singleton<IBackgroundJobClient>(recorder)));
        var recent = await AddEpisodeAsync(app, TimeSpan.FromDays(6));
        var old = await AddEpisodeAsync(app, TimeSpan.FromDays(8));

        await RunTickAsync(app);

        Assert.Equal([recent], recorder.Jobs.Select(j => (long)j.Args[0]!));
        var onDemand = await app.WithScopeAsync(sp => sp.GetRequiredService<TranscriptFetchJob>().DueEpisodeIdsAsync(100, TestContext.Current.CancellationToken, anyAge: true));
        Assert.Contains(old, onDemand);
    }

    private static Task RunTickAsync(TestApp app) => app.RunTickAsync<FetchDueTranscriptsTick>(TestContext.Current.CancellationToken);

    private sealed class RecordingJobClient : IBackgroundJobClient
    {
        public List<Job> Jobs { get; } = [];

        public string Create(Job job, IState state)
        {
            lock (Jobs)
            {
                Jobs.Add(job);
                return Jobs.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        public bool ChangeState(string jobId, IState state, string expectedState) => true;
    }
}
