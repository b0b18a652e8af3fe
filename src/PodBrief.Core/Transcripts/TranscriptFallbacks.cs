using System.ClientModel;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PodBrief.Core.Common.Http;
using PodBrief.Core.Data;
using PodBrief.Core.Transcripts.Parsing;

namespace PodBrief.Core.Transcripts;

/// <summary>
/// The fallbacks when a publisher transcript is missing, in order: (1) speech-to-text of the enclosure when a
/// transcription deployment is configured and the audio fits the API's 25 MB limit — audio is not split, because
/// cutting compressed audio safely needs a decoder we do not ship; (2) the show notes, marked low-confidence and
/// with no meaningful times (all 0).
/// </summary>
public sealed class TranscriptFallbacks(
    ISafeHttpFetcher fetcher,
    ISpeechToText speechToText,
    IOptions<TranscriptionOptions> transcription,
    IOptions<TranscriptOptions> options,
    TimeProvider clock,
    ILogger<TranscriptFallbacks> logger)
{
    public readonly record struct Fallback(TranscriptDocument Document, string? SourceUrl, string? MediaType);

    public async Task<Fallback?> SpeechToTextAsync(Episode episode, string? language, FetchLog log, CancellationToken cancellationToken)
    {
        if (!speechToText.IsConfigured)
        {
            log.Note("speech-to-text not configured");
            return null;
        }
        var maxAge = transcription.Value.MaxEpisodeAgeDays;
        if (maxAge > 0 && clock.GetUtcNow().UtcDateTime - episode.PublishedAt > TimeSpan.FromDays(maxAge))
        {
            log.Note($"speech-to-text skipped: published more than {maxAge} days ago");
            return null;
        }
        if (!Uri.TryCreate(episode.EnclosureUrl, UriKind.Absolute, out var audioUrl))
        {
            log.Note("speech-to-text: the episode has no audio enclosure");
            return null;
        }
        var limit = Math.Min(transcription.Value.MaxAudioBytes, TranscriptionOptions.ApiLimitBytes);
        if (episode.EnclosureLength > limit)
        {
            log.Note($"speech-to-text skipped: the audio is {Megabytes(episode.EnclosureLength.Value)}, over the {Megabytes(limit)} limit (audio is not split)");
            return null;
        }
        var download = await fetcher.FetchAsync(new FetchRequest(audioUrl)
        {
            MaxBodyBytes = limit,
            Timeout = TimeSpan.FromSeconds(transcription.Value.TimeoutSeconds),
        }, cancellationToken);
        if (download.Error == FetchError.TooLarge)
        {
            log.Note($"speech-to-text skipped: the audio is over the {Megabytes(limit)} limit (audio is not split)");
            return null;
        }
        if (!download.IsSuccess || download.Body is not { Length: > 0 } audio)
        {
            Failed(episode, log, $"speech-to-text: audio download failed ({TranscriptFetchJob.Describe(download)})",
                TranscriptFetchJob.IsTransient(download), download.RetryAfter);
            return null;
        }
        try
        {
            using var stream = new MemoryStream(audio, writable: false);
            var document = await speechToText.TranscribeAsync(stream, AudioFileName(download.FinalUrl, episode.EnclosureType), language, cancellationToken);
            if (document.Segments.Count == 0)
            {
                log.Note("speech-to-text returned no text");
                return null;
            }
            return new Fallback(document with { Provenance = TranscriptProvenance.SpeechToText }, audioUrl.AbsoluteUri, episode.EnclosureType);
        }
        catch (ClientResultException ex)
        {
            logger.LogWarning(ex, "Speech-to-text failed for episode {EpisodeId}", episode.Id);
            Failed(episode, log, $"speech-to-text failed: HTTP {ex.Status} {FirstLine(ex.Message)}", ex.Status is 0 or 408 or 429 or >= 500, null);
            return null;
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            logger.LogWarning(ex, "Speech-to-text failed for episode {EpisodeId}", episode.Id);
            Failed(episode, log, $"speech-to-text failed: {FirstLine(ex.Message)}", transient: true, null);
            return null;
        }
    }

    public Fallback? FromShowNotes(Episode episode, string? language, FetchLog log)
    {
        var notes = TranscriptText.Collapse(episode.ShowNotes ?? string.Empty);
        var words = TranscriptText.CountWords(notes);
        if (words < options.Value.ShowNotesMinimumWords)
        {
            log.Note(words == 0 ? "no show notes" : $"show notes too short ({words} words)");
            return null;
        }
        // Times are 0: show notes say what an episode covers, not when; cards from them carry no timestamp.
        var sentences = TranscriptSentences.Split(new TranscriptDocument(
            [new TranscriptSegment(0, 0, null, notes)], TranscriptFormat.PlainText, TranscriptProvenance.ShowNotes));
        var document = new TranscriptDocument(sentences, TranscriptFormat.PlainText, TranscriptProvenance.ShowNotes, language);
        return new Fallback(document, episode.Link, "text/plain");
    }

    private void Failed(Episode episode, FetchLog log, string note, bool transient, DateTimeOffset? retryAfter)
    {
        if (transient && episode.TranscriptAttempts < options.Value.MaxAttempts)
        {
            log.Transient(note, retryAfter);
        }
        else
        {
            log.Note(note);
        }
    }

    private static string AudioFileName(Uri url, string? mediaType)
    {
        // The API infers the codec from the file name's extension.
        var name = Path.GetFileName(url.AbsolutePath);
        if (Path.HasExtension(name) && name.Length <= 100)
        {
            return name;
        }
        var extension = mediaType?.ToLowerInvariant() switch
        {
            "audio/mp4" or "audio/x-m4a" or "audio/m4a" or "audio/aac" => ".m4a",
            "audio/ogg" or "audio/opus" => ".ogg",
            "audio/wav" or "audio/x-wav" => ".wav",
            "audio/webm" => ".webm",
            "audio/flac" => ".flac",
            _ => ".mp3",
        };
        return "episode" + extension;
    }

    private static string Megabytes(long bytes) => (bytes / 1024d / 1024d).ToString("0.#", CultureInfo.InvariantCulture) + " MB";

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}
