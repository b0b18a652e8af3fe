using System.Collections.Concurrent;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PodBrief.Core.Data;
using PodBrief.Core.Digests;
using PodBrief.Core.Insights;
using PodBrief.Testing;

namespace PodBrief.IntegrationTests.Ranking;

/// <summary>Writes podcasts, episodes, topics, cards with hand-made vectors and subscribers straight to the database.</summary>
internal sealed class RankingSeed(TestApp app)
{
    public const string Model = "test-model";
    public const int Dimensions = 8;
    private int _sequence;

    /// <summary>A unit vector mostly along <paramref name="axis"/>, tilted a little towards <paramref name="tiltAxis"/>.</summary>
    public static float[] Axis(int axis, int tiltAxis = -1, float tilt = 0f)
    {
        var v = new float[Dimensions];
        v[axis] = 1f;
        if (tiltAxis >= 0)
        {
            v[tiltAxis] = tilt;
        }
        var norm = MathF.Sqrt(v.Sum(x => x * x));
        return v.Select(x => x / norm).ToArray();
    }

    public async Task<T> SaveAsync<T>(T entity) where T : class
    {
        await using var db = app.CreateDbContext();
        db.Add(entity);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return entity;
    }

    public Task<Podcast> PodcastAsync(string title) =>
        SaveAsync(new Podcast { FeedUrl = $"https://example.test/{Interlocked.Increment(ref _sequence)}.xml", Title = title });

    public Task<Episode> EpisodeAsync(Podcast podcast, DateTime publishedAt) =>
        SaveAsync(new Episode { PodcastId = podcast.Id, IdentityKey = "ep-" + Interlocked.Increment(ref _sequence), Title = "Episode", PublishedAt = publishedAt });

    public Task<Topic> TopicAsync(string name, float[]? vector) =>
        SaveAsync(new Topic
        {
            Slug = "rt-" + name.ToLowerInvariant() + "-" + Interlocked.Increment(ref _sequence),
            Name = name,
            Description = name,
            Embedding = vector is null ? null : EmbeddingBytes.ToBytes(vector),
            EmbeddingModel = vector is null ? null : Model,
        });

    public Task<InsightCluster> ClusterAsync(DateTime now) => SaveAsync(new InsightCluster { CreatedAt = now, UpdatedAt = now });

    public Task<InsightCard> CardAsync(
        Episode episode, string headline, float[] vector, DateTime createdAt, double importance = 0.8, InsightCluster? cluster = null,
        Topic? topic = null, TranscriptProvenance provenance = TranscriptProvenance.Publisher) =>
        SaveAsync(new InsightCard
        {
            EpisodeId = episode.Id,
            PodcastId = episode.PodcastId,
            Headline = headline,
            Body = headline + ".",
            Quote = "a verbatim quote",
            QuoteStartSeconds = 754,
            Importance = importance,
            Provenance = provenance,
            Embedding = EmbeddingBytes.ToBytes(vector),
            EmbeddingModel = Model,
            ClusterId = cluster?.Id,
            ExtractorName = "test",
            CreatedAt = createdAt,
            Topics = topic is null ? [] : [new InsightCardTopic { TopicId = topic.Id, Score = 1 }],
        });

    public Task<Subscriber> SubscriberAsync(
        string name, DateTime nextSendAt, IEnumerable<Topic>? follow = null, string timeZone = "UTC", TimeOnly? at = null,
        IEnumerable<SubscriberPodcast>? podcasts = null, IEnumerable<Topic>? mute = null)
    {
        var email = $"{name}-{Interlocked.Increment(ref _sequence)}@example.test";
        return SaveAsync(new Subscriber
        {
            Email = email,
            EmailNormalized = email,
            Status = SubscriberStatus.Active,
            TimeZoneId = timeZone,
            DeliveryTimeLocal = at ?? new TimeOnly(7, 0),
            NextSendAt = nextSendAt,
            CreatedAt = nextSendAt.AddDays(-10),
            Topics = (follow ?? []).Select(t => new SubscriberTopic { TopicId = t.Id })
                .Concat((mute ?? []).Select(t => new SubscriberTopic { TopicId = t.Id, IsMuted = true })).ToList(),
            Podcasts = (podcasts ?? []).ToList(),
        });
    }

    public Task<DispatchReport> DispatchAsync(DateTime now, DispatchMode mode = DispatchMode.CreateOnly) =>
        app.WithScopeAsync(sp => sp.GetRequiredService<DigestDispatcher>().DispatchDueAsync(now, mode, null, TestContext.Current.CancellationToken));

    /// <summary>The subscriber's digests with their items, in date order.</summary>
    public List<Digest> Digests(long subscriberId)
    {
        using var db = app.CreateDbContext();
        var digests = db.Digests.Include(d => d.Items).Where(d => d.SubscriberId == subscriberId).OrderBy(d => d.LocalDate).ToList();
        foreach (var digest in digests)
        {
            digest.Items = [.. digest.Items.OrderBy(i => i.Position)];
        }
        return digests;
    }

    public Subscriber Subscriber(long id)
    {
        using var db = app.CreateDbContext();
        return db.Subscribers.AsNoTracking().Single(s => s.Id == id);
    }
}

/// <summary>Records what would be enqueued to Hangfire (no server runs in tests); the send job itself is another issue's.</summary>
internal sealed class RecordingJobClient : IBackgroundJobClient
{
    public ConcurrentQueue<(string Method, long Id)> Jobs { get; } = new();

    /// <summary>The jobs as Hangfire would store them, to be performed by <see cref="PerformAllAsync"/>.</summary>
    public ConcurrentQueue<Job> All { get; } = new();

    /// <summary>
    /// Performs every recorded job (and any they enqueue) in a scope of the app, the way a Hangfire worker would:
    /// same type, same method, same arguments, a cancellation token in place of the placeholder.
    /// </summary>
    public async Task PerformAllAsync(TestApp app)
    {
        while (All.TryDequeue(out var job))
        {
            await using var scope = app.Services.CreateAsyncScope();
            var target = ActivatorUtilities.GetServiceOrCreateInstance(scope.ServiceProvider, job.Type);
            var args = job.Args.Select(a => a is CancellationToken ? TestContext.Current.CancellationToken : a).ToArray();
            await (Task)job.Method.Invoke(target, args)!;
        }
    }

    public string Create(Job job, IState state)
    {
        Jobs.Enqueue((job.Type.Name + "." + job.Method.Name, job.Args[0] is long id ? id : -1));
        All.Enqueue(job);
        return Jobs.Count.ToString();
    }

    public bool ChangeState(string jobId, IState state, string expectedState) => true;

    public static async Task<(TestApp App, RecordingJobClient Jobs)> StartAppAsync(DatabaseProvider provider, IDictionary<string, string?>? settings = null)
    {
        var jobs = new RecordingJobClient();
        var app = await TestApp.StartAsync(provider, settings, services =>
        {
            services.RemoveAll<IBackgroundJobClient>();
            services.AddSingleton<IBackgroundJobClient>(jobs);
        });
        return (app, jobs);
    }
}
