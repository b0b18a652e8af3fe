using Microsoft.AspNetCore.Http;
using PodBrief.Core.Data;
using PodBrief.Core.Transcripts;
using PodBrief.Testing;
using static PodBrief.IntegrationTests.Transcripts.TranscriptTestData;

namespace PodBrief.IntegrationTests.Transcripts;

/// <summary>The real OpenAI / Azure OpenAI clients against an OpenAI-compatible transcription server on loopback.</summary>
public class SpeechToTextFallbackTests
{
    private const string VerboseJson = """
        {"task":"transcribe","language":"english","duration":9.5,"text":"Large models can be distilled cheaply. Open models will win.",
         "segments":[
          {"id":0,"seek":0,"start":0.0,"end":4.2,"text":" Large models can be distilled cheaply.","tokens":[1,2],"temperature":0.0,"avg_logprob":-0.2,"compression_ratio":1.1,"no_speech_prob":0.01},
          {"id":1,"seek":0,"start":4.2,"end":9.5,"text":" Open models will win.","tokens":[3],"temperature":0.0,"avg_logprob":-0.2,"compression_ratio":1.1,"no_speech_prob":0.01}]}
        """;

    private static readonly byte[] Audio = [.. "ID3"u8, .. new byte[4096]];

    private static Task Serve(HttpContext context)
    {
        if (context.Request.Method == "POST" && context.Request.Path.Value!.EndsWith("/audio/transcriptions", StringComparison.Ordinal))
        {
            return WriteAsync(context, 200, "application/json", VerboseJson);
        }
        if (context.Request.Path.Value == "/audio/ep1.mp3")
        {
            context.Response.ContentType = "audio/mpeg";
            return context.Response.Body.WriteAsync(Audio).AsTask();
        }
        return WriteAsync(context, 404);
    }

    [Fact]
    public async Task A_failing_transcription_server_gets_one_upload_per_allowed_attempt_not_the_sdks_retries_on_top()
    {
        await using var server = await LoopbackHttpServer.StartAsync(context =>
            context.Request.Method == "POST" ? WriteAsync(context, 503, "application/json", """{"error":{"message":"busy","code":"busy"}}""") : Serve(context));
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite, Settings(new Dictionary<string, string?>
        {
            ["Transcription:BaseUrl"] = server.Url("v1").AbsoluteUri,
            ["Transcription:ApiKey"] = "test-key",
            ["Transcription:Deployment"] = "whisper-1",
            ["Transcription:MaxRetries"] = "1",
        }));
        var id = await AddEpisodeAsync(app, TimeSpan.FromDays(1), e =>
        {
            e.EnclosureUrl = server.Url("audio/ep1.mp3").AbsoluteUri;
            e.EnclosureType = "audio/mpeg";
        });

        await RunJobAsync(app, id);

        // One attempt plus one retry of the shared policy; the SDK's default (3 retries per attempt) would make 8.
        Assert.Equal(2, server.Requests.Count(r => r.Method == "POST"));
        Assert.NotEqual(TranscriptStatus.Available, (await LoadAsync(app, id)).TranscriptStatus);
    }

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task OpenAI_compatible_server_transcribes_the_enclosure_with_segment_times(DatabaseProvider provider)
    {
        await using var server = await LoopbackHttpServer.StartAsync(Serve);
        await using var app = await TestApp.StartAsync(provider, Settings(new Dictionary<string, string?>
        {
            ["Transcription:BaseUrl"] = server.Url("v1").AbsoluteUri,
            ["Transcription:ApiKey"] = "test-key",
            ["Transcription:Deployment"] = "whisper-1",
        }));
        var id = await AddEpisodeAsync(app, TimeSpan.FromDays(1), e =>
        {
            e.EnclosureUrl = server.Url("audio/ep1.mp3").AbsoluteUri;
            e.EnclosureType = "audio/mpeg";
            e.ShowNotes = ShowNotes;
        });

        await RunJobAsync(app, id);

        var episode = await LoadAsync(app, id);
        Assert.Equal((TranscriptStatus.Available, TranscriptProvenance.SpeechToText), (episode.TranscriptStatus, episode.TranscriptProvenance));
        var transcript = episode.Transcript!;
        Assert.Equal(server.Url("audio/ep1.mp3").AbsoluteUri, transcript.SourceUrl);
        Assert.Equal("Large models can be distilled cheaply. Open models will win.", transcript.Text);
        Assert.Equal([(0.0, 4.2), (4.2, 9.5)], TranscriptSegmentsJson.Deserialize(transcript.SegmentsJson).Select(s => (s.Start, s.End)));
        var call = Assert.Single(server.Requests, r => r.Method == "POST");
        Assert.Equal("/v1/audio/transcriptions", call.PathAndQuery);
        Assert.Equal("Bearer test-key", call.Headers["Authorization"]);
        Assert.Contains("whisper-1", call.Body, StringComparison.Ordinal);
        Assert.Contains("verbose_json", call.Body, StringComparison.Ordinal);
        Assert.Contains("filename=ep1.mp3", call.Body.Replace("\"", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task Azure_OpenAI_deployment_is_called_at_its_deployment_path(DatabaseProvider provider)
    {
        await using var server = await LoopbackHttpServer.StartAsync(Serve);
        await using var app = await TestApp.StartAsync(provider, Settings(new Dictionary<string, string?>
        {
            ["Transcription:Endpoint"] = server.BaseUri.AbsoluteUri,
            ["Transcription:ApiKey"] = "azure-key",
            ["Transcription:Deployment"] = "my-whisper",
        }));
        var id = await AddEpisodeAsync(app, TimeSpan.FromDays(1), e => e.EnclosureUrl = server.Url("audio/ep1.mp3").AbsoluteUri);

        await RunJobAsync(app, id);

        var episode = await LoadAsync(app, id);
        Assert.Equal(TranscriptProvenance.SpeechToText, episode.TranscriptProvenance);
        var call = Assert.Single(server.Requests, r => r.Method == "POST");
        Assert.StartsWith("/openai/deployments/my-whisper/audio/transcriptions", call.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal("azure-key", call.Headers["api-key"]);
    }

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task Audio_past_the_size_limit_or_an_old_episode_is_skipped_with_a_clear_reason_and_show_notes_used(DatabaseProvider provider)
    {
        await using var server = await LoopbackHttpServer.StartAsync(Serve);
        await using var app = await TestApp.StartAsync(provider, Settings(new Dictionary<string, string?>
        {
            ["Transcription:BaseUrl"] = server.Url("v1").AbsoluteUri,
            ["Transcription:Deployment"] = "whisper-1",
            ["Transcription:MaxAudioBytes"] = "1000",
        }));
        var declaredTooBig = await AddEpisodeAsync(app, TimeSpan.FromDays(1), e =>
        {
            e.EnclosureUrl = server.Url("audio/ep1.mp3").AbsoluteUri;
            e.EnclosureLength = 60L * 1024 * 1024;
            e.ShowNotes = ShowNotes;
        });
        var undeclared = await AddEpisodeAsync(app, TimeSpan.FromDays(1), e =>
        {
            e.EnclosureUrl = server.Url("audio/ep1.mp3").AbsoluteUri;
            e.ShowNotes = ShowNotes;
        });

        var old = await AddEpisodeAsync(app, TimeSpan.FromDays(30), e =>
        {
            e.EnclosureUrl = server.Url("audio/ep1.mp3").AbsoluteUri;
            e.EnclosureLength = 500;
            e.ShowNotes = ShowNotes;
        });

        await RunJobAsync(app, declaredTooBig);
        await RunJobAsync(app, undeclared);
        await RunJobAsync(app, old);

        var first = await LoadAsync(app, declaredTooBig);
        Assert.Equal(TranscriptProvenance.ShowNotes, first.TranscriptProvenance);
        Assert.Contains("speech-to-text skipped: the audio is 60 MB, over the 0 MB limit", first.TranscriptLastError, StringComparison.Ordinal);
        var second = await LoadAsync(app, undeclared);
        Assert.Equal(TranscriptProvenance.ShowNotes, second.TranscriptProvenance);
        Assert.Contains("speech-to-text skipped: the audio is over the", second.TranscriptLastError, StringComparison.Ordinal);
        var third = await LoadAsync(app, old);
        Assert.Equal(TranscriptProvenance.ShowNotes, third.TranscriptProvenance);
        Assert.Contains("speech-to-text skipped: published more than 14 days ago", third.TranscriptLastError, StringComparison.Ordinal);
        Assert.DoesNotContain(server.Requests, r => r.Method == "POST");
        Assert.Single(server.Requests); // only the undeclared one was downloaded, and cut off at the cap
    }
}
