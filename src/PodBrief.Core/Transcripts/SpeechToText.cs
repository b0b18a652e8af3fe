using System.ClientModel;
using System.ClientModel.Primitives;
using Azure;
using Azure.AI.OpenAI;
using Azure.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenAI;
using OpenAI.Audio;
using PodBrief.Core.Common.Resilience;
using PodBrief.Core.Data;

namespace PodBrief.Core.Transcripts;

/// <summary>Speech-to-text at the I/O edge: audio in, timed segments out.</summary>
public interface ISpeechToText
{
    bool IsConfigured { get; }

    Task<TranscriptDocument> TranscribeAsync(Stream audio, string fileName, string? language, CancellationToken cancellationToken);
}

/// <summary>
/// Transcribes through the audio transcription API (Whisper-style <c>POST …/audio/transcriptions</c>) of Azure
/// OpenAI or an OpenAI-compatible server, asking for verbose JSON with segment timestamps so the cards can cite times.
/// </summary>
public sealed class OpenAiSpeechToText(IOptions<TranscriptionOptions> options, ILogger<OpenAiSpeechToText> logger) : ISpeechToText
{
    private readonly Lazy<AudioClient?> _client = new(() => CreateClient(options.Value));

    public bool IsConfigured => options.Value.IsConfigured;

    public async Task<TranscriptDocument> TranscribeAsync(Stream audio, string fileName, string? language, CancellationToken cancellationToken)
    {
        var client = _client.Value ?? throw new InvalidOperationException("Transcription is not configured (Transcription:Deployment and Endpoint or BaseUrl).");
        var request = new AudioTranscriptionOptions
        {
            ResponseFormat = AudioTranscriptionFormat.Verbose,
            TimestampGranularities = AudioTimestampGranularities.Segment,
            Language = string.IsNullOrWhiteSpace(language) ? null : language.Split('-', '_')[0].ToLowerInvariant(),
        };
        var o = options.Value;
        // The SDK disposes the stream it uploads, so each attempt gets its own view of one in-memory copy (the audio
        // is capped at the API's 25 MB before it gets here).
        byte[] bytes;
        using (var copy = new MemoryStream())
        {
            await audio.CopyToAsync(copy, cancellationToken);
            bytes = copy.ToArray();
        }
        // One retry policy for every paid call (the SDK's own is off below); a retry re-sends the audio from the start.
        var pipeline = ExternalCallPolicy.Build(new ExternalCallRetry(o.MaxRetries, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(60)),
            failed =>
            {
                logger.LogWarning("Speech to text of {File} failed (attempt {Attempt}): {Error}; retrying in {Delay}",
                    fileName, failed.Attempt, failed.Error.Message, failed.Delay);
                return ValueTask.CompletedTask;
            });
        var result = await pipeline.ExecuteAsync(async ct =>
        {
            using var body = new MemoryStream(bytes, writable: false);
            return (await client.TranscribeAudioAsync(body, fileName, request, ct)).Value;
        }, cancellationToken);
        var segments = result.Segments
            .Select(s => new TranscriptSegment(s.StartTime.TotalSeconds, Math.Max(s.StartTime.TotalSeconds, s.EndTime.TotalSeconds), null, s.Text.Trim()))
            .Where(s => s.Text.Length > 0)
            .OrderBy(s => s.Start)
            .ToList();
        if (segments.Count == 0 && !string.IsNullOrWhiteSpace(result.Text))
        {
            // A server that ignores the segment request still gave us text: keep it, untimed.
            segments.Add(new TranscriptSegment(0, result.Duration?.TotalSeconds ?? 0, null, result.Text.Trim()));
        }
        return new TranscriptDocument(segments, TranscriptFormat.Json, TranscriptProvenance.SpeechToText, result.Language ?? language);
    }

    /// <summary>The SDK's default policy retries three times per call; with ours on top one bad minute meant up to 4 × 4 uploads.</summary>
    private static readonly ClientRetryPolicy NoSdkRetries = new(maxRetries: 0);

    private static AudioClient? CreateClient(TranscriptionOptions o)
    {
        if (!o.IsConfigured)
        {
            return null;
        }
        var timeout = TimeSpan.FromSeconds(o.TimeoutSeconds);
        if (!string.IsNullOrWhiteSpace(o.BaseUrl))
        {
            var openAi = new OpenAIClient(new ApiKeyCredential(string.IsNullOrWhiteSpace(o.ApiKey) ? "unused" : o.ApiKey),
                new OpenAIClientOptions { Endpoint = new Uri(o.BaseUrl), NetworkTimeout = timeout, RetryPolicy = NoSdkRetries });
            return openAi.GetAudioClient(o.Deployment);
        }
        var azureOptions = new AzureOpenAIClientOptions { NetworkTimeout = timeout, RetryPolicy = NoSdkRetries };
        var azure = string.IsNullOrWhiteSpace(o.ApiKey)
            ? new AzureOpenAIClient(new Uri(o.Endpoint!), new DefaultAzureCredential(), azureOptions)
            : new AzureOpenAIClient(new Uri(o.Endpoint!), new AzureKeyCredential(o.ApiKey), azureOptions);
        return azure.GetAudioClient(o.Deployment);
    }
}
