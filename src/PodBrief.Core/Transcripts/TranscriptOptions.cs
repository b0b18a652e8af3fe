namespace PodBrief.Core.Transcripts;

/// <summary>How transcripts are fetched ("Transcripts" section).</summary>
public sealed class TranscriptOptions
{
    /// <summary>How long after publish a 403/404 publisher transcript is treated as "not there yet" and retried.</summary>
    public double PublisherWaitDays { get; set; } = 3;

    /// <summary>First retry delay; doubles per attempt (1 h, 2 h, 4 h …) up to <see cref="MaxRetryDelayHours"/>.</summary>
    public double RetryBaseDelayMinutes { get; set; } = 60;

    public double MaxRetryDelayHours { get; set; } = 12;

    /// <summary>Attempts for transient failures (timeouts, 5xx, 429) before falling back.</summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>Size cap for one transcript download.</summary>
    public long MaxTranscriptBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Show notes shorter than this many words are not worth a card (no fallback).</summary>
    public int ShowNotesMinimumWords { get; set; } = 30;

    /// <summary>Episodes handed to jobs per tick.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>
    /// Episodes published longer ago than this are not fetched by the tick (0: any age). Set by the Insights stage
    /// from Insights:MaxEpisodeAgeDays, since only those episodes can become cards; older ones are fetched on demand.
    /// </summary>
    public int FetchWindowDays { get; set; }

    /// <summary>Cron (UTC) of the fetch-due-transcripts tick.</summary>
    public string TickCron { get; set; } = "*/5 * * * *";
}

/// <summary>
/// Speech-to-text fallback ("Transcription" section): Azure OpenAI (Endpoint + Deployment, ApiKey or Entra ID) or
/// any OpenAI-compatible server (BaseUrl + Deployment as the model name, e.g. whisper-1).
/// </summary>
public sealed class TranscriptionOptions
{
    /// <summary>The 25 MB request limit of the OpenAI and Azure OpenAI audio APIs.</summary>
    public const long ApiLimitBytes = 25L * 1024 * 1024;

    public string? Endpoint { get; set; }
    public string? BaseUrl { get; set; }
    public string? ApiKey { get; set; }
    public string? Deployment { get; set; }

    /// <summary>Largest enclosure we download for transcription; at most the API limit (audio is not split).</summary>
    public long MaxAudioBytes { get; set; } = ApiLimitBytes;

    public int TimeoutSeconds { get; set; } = 600;

    /// <summary>
    /// Retries of one upload after a 429, 5xx or timeout (shared policy, SDK retries off): each retry re-sends up to
    /// 25 MB, so few. The transcript stage's own later attempts come on top, hours apart.
    /// </summary>
    public int MaxRetries { get; set; } = 1;

    /// <summary>
    /// Only episodes published within this many days are sent to speech-to-text (0: any age), so adding a feed
    /// with a long back catalogue does not pay to transcribe hundreds of old episodes.
    /// </summary>
    public int MaxEpisodeAgeDays { get; set; } = 14;

    public bool IsConfigured =>
        !string.IsNullOrWhiteSpace(Deployment) && (!string.IsNullOrWhiteSpace(Endpoint) || !string.IsNullOrWhiteSpace(BaseUrl));
}
