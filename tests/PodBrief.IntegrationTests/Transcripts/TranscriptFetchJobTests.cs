using PodBrief.Core.Data;
using PodBrief.Core.Transcripts;
using PodBrief.Testing;
using static PodBrief.IntegrationTests.Transcripts.TranscriptTestData;

namespace PodBrief.IntegrationTests.Transcripts;

public class TranscriptFetchJobTests
{
    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task The_best_link_is_chosen_and_stored_with_provenance_hash_and_segments(DatabaseProvider provider)
    {
        await using var server = await LoopbackHttpServer.StartAsync(context => context.Request.Path.Value switch
        {
            "/t/vtt" => WriteAsync(context, 200, "text/vtt", Vtt),
            "/t/srt" => WriteAsync(context, 200, "application/x-subrip", Srt),
            "/t/fr.json" => WriteAsync(context, 200, "application/json", "{\"segments\":[{\"startTime\":0,\"endTime\":1,\"body\":\"Bonjour.\"}]}"),
            _ => WriteAsync(context, 200, "text/plain", "Some words."),
        });
        await using var app = await TestApp.StartAsync(provider, Settings());
        var id = await AddEpisodeAsync(app, TimeSpan.FromDays(1), null,
            Link(server, "t/page.html", "text/html"),
            Link(server, "t/notes.txt", "text/plain"),
            Link(server, "t/fr.json", "application/json", language: "fr"),
            Link(server, "t/srt", "application/srt", rel: "captions"),
            Link(server, "t/vtt", "text/vtt", language: "en-US", rel: "captions"));

        await RunJobAsync(app, id);

        var episode = await LoadAsync(app, id);
        Assert.Equal((TranscriptStatus.Available, TranscriptProvenance.Publisher, (string?)null),
            (episode.TranscriptStatus, episode.TranscriptProvenance, episode.TranscriptLastError));
        var transcript = episode.Transcript!;
        Assert.Equal(server.Url("t/vtt").AbsoluteUri, transcript.SourceUrl);
        Assert.Equal(("text/vtt", TranscriptFormat.WebVtt, "en-US"), (transcript.SourceMediaType, transcript.SourceFormat, transcript.Language));
        Assert.Equal("Large models can be distilled cheaply. Open models will win, in my view.", transcript.Text);
        Assert.Equal(TranscriptHash.Of(transcript.Text), transcript.ContentHash);
        Assert.Equal(64, transcript.ContentHash.Length);
        Assert.Equal((2, 9.5), (transcript.SegmentCount, transcript.DurationSeconds));
        Assert.Equal([("Ada", 0.0), ("Grace", 4.0)], TranscriptSegmentsJson.Deserialize(transcript.SegmentsJson).Select(s => (s.Speaker!, s.Start)));
        Assert.Equal(["/t/vtt"], server.Requests.Select(r => r.PathAndQuery));

        // Safe to run twice: nothing is fetched again.
        await RunJobAsync(app, id);
        Assert.Single(server.Requests);
    }

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task A_broken_best_link_falls_through_to_the_next_one(DatabaseProvider provider)
    {
        await using var server = await LoopbackHttpServer.StartAsync(context => context.Request.Path.Value switch
        {
            "/t.json" => WriteAsync(context, 200, "application/json", "{\"segments\": [ broken"),
            "/t.vtt" => WriteAsync(context, 404),
            _ => WriteAsync(context, 200, "text/plain", Srt), // mislabelled: an SRT served as text/plain
        });
        await using var app = await TestApp.StartAsync(provider, Settings());
        var id = await AddEpisodeAsync(app, TimeSpan.FromDays(30), null,
            Link(server, "t.json", "application/json"), Link(server, "t.vtt", "text/vtt"), Link(server, "captions", "application/srt"));

        await RunJobAsync(app, id);

        var episode = await LoadAsync(app, id);
        Assert.Equal(TranscriptStatus.Available, episode.TranscriptStatus);
        Assert.Equal(server.Url("captions").AbsoluteUri, episode.Transcript!.SourceUrl);
        Assert.Equal(TranscriptFormat.Srt, episode.Transcript.SourceFormat);
        Assert.Contains("Grace", episode.Transcript.SegmentsJson, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task A_transcript_not_there_yet_is_retried_with_backoff_until_it_appears(DatabaseProvider provider)
    {
        var published = false;
        await using var server = await LoopbackHttpServer.StartAsync(context =>
            published ? WriteAsync(context, 200, "text/vtt", Vtt) : WriteAsync(context, 404));
        await using var app = await TestApp.StartAsync(provider, Settings());
        var id = await AddEpisodeAsync(app, TimeSpan.FromHours(1), e => e.ShowNotes = ShowNotes, Link(server, "ep/transcript", "text/vtt"));
        Assert.Contains(id, await DueAsync(app));

        await RunJobAsync(app, id);

        var waiting = await LoadAsync(app, id);
        Assert.Equal(TranscriptStatus.NotYetAvailable, waiting.TranscriptStatus);
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime.AddHours(1), waiting.TranscriptNextAttemptAt);
        Assert.Contains("HTTP 404, not there yet", waiting.TranscriptLastError, StringComparison.Ordinal);
        Assert.Null(waiting.Transcript);
        Assert.DoesNotContain(id, await DueAsync(app));

        app.Clock.Advance(TimeSpan.FromMinutes(61));
        await RunJobAsync(app, id); // still 404: the second wait is twice as long
        var second = await LoadAsync(app, id);
        Assert.Equal((TranscriptStatus.NotYetAvailable, 2), (second.TranscriptStatus, second.TranscriptAttempts));
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime.AddHours(2), second.TranscriptNextAttemptAt);

        app.Clock.Advance(TimeSpan.FromMinutes(121));
        published = true;
        Assert.Contains(id, await DueAsync(app));
        await RunJobAsync(app, id);

        var done = await LoadAsync(app, id);
        Assert.Equal((TranscriptStatus.Available, TranscriptProvenance.Publisher), (done.TranscriptStatus, done.TranscriptProvenance));
        Assert.Null(done.TranscriptNextAttemptAt);
        Assert.DoesNotContain(id, await DueAsync(app));
    }

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task After_the_wait_the_show_notes_are_a_low_confidence_fallback_and_the_reason_is_recorded(DatabaseProvider provider)
    {
        await using var server = await LoopbackHttpServer.StartAsync(context => WriteAsync(context, 404));
        await using var app = await TestApp.StartAsync(provider, Settings());
        var id = await AddEpisodeAsync(app, TimeSpan.FromDays(4), e =>
        {
            e.ShowNotes = ShowNotes;
            e.Link = "https://show.example/ep1";
        }, Link(server, "ep/transcript.vtt", "text/vtt"));

        await RunJobAsync(app, id);

        var episode = await LoadAsync(app, id);
        Assert.Equal((TranscriptStatus.Available, TranscriptProvenance.ShowNotes), (episode.TranscriptStatus, episode.TranscriptProvenance));
        Assert.Contains("HTTP 404", episode.TranscriptLastError, StringComparison.Ordinal);
        Assert.Contains("speech-to-text not configured", episode.TranscriptLastError, StringComparison.Ordinal);
        var transcript = episode.Transcript!;
        Assert.Equal((TranscriptProvenance.ShowNotes, "https://show.example/ep1", (double?)null),
            (transcript.Provenance, transcript.SourceUrl, transcript.DurationSeconds));
        var segments = TranscriptSegmentsJson.Deserialize(transcript.SegmentsJson);
        Assert.Equal(3, segments.Count);
        Assert.All(segments, s => Assert.Equal((0.0, 0.0), (s.Start, s.End)));
    }

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task An_episode_with_nothing_is_unavailable_with_the_reason(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, Settings());
        var id = await AddEpisodeAsync(app, TimeSpan.FromDays(1), e => e.ShowNotes = "Short notes.");

        await RunJobAsync(app, id);

        var episode = await LoadAsync(app, id);
        Assert.Equal((TranscriptStatus.Unavailable, TranscriptProvenance.None), (episode.TranscriptStatus, episode.TranscriptProvenance));
        Assert.Equal("No transcript: no publisher transcript in the feed; speech-to-text not configured; show notes too short (2 words)",
            episode.TranscriptLastError);
        Assert.Null(episode.Transcript);
        Assert.DoesNotContain(id, await DueAsync(app));
    }

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task Server_errors_are_retried_then_given_up(DatabaseProvider provider)
    {
        await using var server = await LoopbackHttpServer.StartAsync(context => WriteAsync(context, 503));
        await using var app = await TestApp.StartAsync(provider, Settings(new Dictionary<string, string?> { ["Transcripts:MaxAttempts"] = "2" }));
        var id = await AddEpisodeAsync(app, TimeSpan.FromDays(10), null, Link(server, "t.srt", "application/srt"));

        await RunJobAsync(app, id);
        var first = await LoadAsync(app, id);
        Assert.Equal(TranscriptStatus.Failed, first.TranscriptStatus);
        Assert.Contains("HTTP 503", first.TranscriptLastError, StringComparison.Ordinal);

        app.Clock.Advance(TimeSpan.FromHours(2));
        await RunJobAsync(app, id);
        var last = await LoadAsync(app, id);
        Assert.Equal(TranscriptStatus.Unavailable, last.TranscriptStatus);
        Assert.Equal(2, server.Requests.Count);
    }
}
