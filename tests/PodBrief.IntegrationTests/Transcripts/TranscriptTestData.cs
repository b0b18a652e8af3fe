using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PodBrief.Core.Data;
using PodBrief.Core.Transcripts;
using PodBrief.Testing;

namespace PodBrief.IntegrationTests.Transcripts;

/// <summary>Podcasts, episodes and transcript files for the transcript tests.</summary>
internal static class TranscriptTestData
{
    public const string Vtt = "WEBVTT\n\n00:00:00.000 --> 00:00:04.000\n<v Ada>Large models can be distilled cheaply.\n\n"
        + "00:00:04.000 --> 00:00:09.500\n<v Grace>Open models will win, in my view.\n";

    public const string Srt = "1\n00:00:00,000 --> 00:00:04,000\nAda: Large models can be distilled cheaply.\n\n"
        + "2\n00:00:04,000 --> 00:00:09,500\nGrace: Open models will win, in my view.\n";

    public static readonly string ShowNotes = string.Join(' ', Enumerable.Repeat(
        "In this episode we discuss why distillation makes large models cheap to copy and what that means for open models.", 3));

    public static Dictionary<string, string?> Settings(IDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?> { ["Feeds:AllowPrivateAddresses"] = "true" };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
        return settings;
    }

    /// <summary>Adds a podcast (language en) with one episode published <paramref name="age"/> before the app clock.</summary>
    public static async Task<long> AddEpisodeAsync(TestApp app, TimeSpan age, Action<Episode>? configure = null, params TranscriptLink[] links)
    {
        await using var db = app.CreateDbContext();
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var podcast = new Podcast { FeedUrl = "https://feeds.example/" + Guid.NewGuid(), Title = "Show", Language = "en", CreatedAt = now, UpdatedAt = now, NextCheckAt = now };
        var episode = new Episode
        {
            IdentityKey = Guid.NewGuid().ToString(),
            Title = "Episode",
            PublishedAt = now - age,
            FirstSeenAt = now,
            UpdatedAt = now,
        };
        episode.TranscriptLinks.AddRange(links);
        configure?.Invoke(episode);
        podcast.Episodes.Add(episode);
        db.Podcasts.Add(podcast);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return episode.Id;
    }

    public static TranscriptLink Link(LoopbackHttpServer server, string path, string? type, string? language = "en", string? rel = null) =>
        new() { Url = server.Url(path).AbsoluteUri, MediaType = type, Language = language, Rel = rel };

    public static Task RunJobAsync(TestApp app, long episodeId) =>
        app.WithScopeAsync(sp => sp.GetRequiredService<TranscriptFetchJob>().RunAsync(episodeId, TestContext.Current.CancellationToken));

    public static Task<IReadOnlyList<long>> DueAsync(TestApp app) =>
        app.WithScopeAsync(sp => sp.GetRequiredService<TranscriptFetchJob>().DueEpisodeIdsAsync(100, TestContext.Current.CancellationToken));

    public static async Task<Episode> LoadAsync(TestApp app, long episodeId)
    {
        await using var db = app.CreateDbContext();
        return await db.Episodes.Include(e => e.Transcript).AsNoTracking().SingleAsync(e => e.Id == episodeId, TestContext.Current.CancellationToken);
    }

    public static async Task WriteAsync(HttpContext context, int status, string? contentType = null, string? body = null)
    {
        context.Response.StatusCode = status;
        if (contentType is not null)
        {
            context.Response.ContentType = contentType;
        }
        if (body is not null)
        {
            await context.Response.WriteAsync(body);
        }
    }
}
