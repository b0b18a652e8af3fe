using System.ClientModel;
using Azure;
using Azure.AI.OpenAI;
using Azure.Identity;
using Microsoft.Extensions.Options;
using OpenAI;
using OpenAI.Audio;
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
public sealed class OpenAiSpeechToText(IOptions<TranscriptionOptions> options) : ISpeechToText
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
        var result = (await client.TranscribeAudioAsync(audio, fileName, request, cancellationToken)).Value;
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
                new OpenAIClientOptions { Endpoint = new Uri(o.BaseUrl), NetworkTimeout = timeout });
            return openAi.GetAudioClient(o.Deployment);
        }
        var azureOptions = new AzureOpenAIClientOptions { NetworkTimeout = timeout };
        var azure = string.IsNullOrWhiteSpace(o.ApiKey)
            ? new AzureOpenAIClient(new Uri(o.Endpoint!), new DefaultAzureCredential(), azureOptions)
            : new AzureOpenAIClient(new Uri(o.Endpoint!), new AzureKeyCredential(o.ApiKey), azureOptions);
        return azure.GetAudioClient(o.Deployment);
    }
}
