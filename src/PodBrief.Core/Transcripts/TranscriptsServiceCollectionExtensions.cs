using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PodBrief.Core.Data;
using PodBrief.Core.Jobs;
using PodBrief.Core.Transcripts.Chapters;
using PodBrief.Core.Transcripts.Samples;

namespace PodBrief.Core.Transcripts;

public static class TranscriptsServiceCollectionExtensions
{
    /// <summary>Registers the Transcripts feature: its options (validated at startup), services, jobs and ticks.</summary>
    public static IServiceCollection AddPodBriefTranscripts(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        services.AddOptions<TranscriptOptions>()
            .BindConfiguration("Transcripts")
            .Validate(o => o.PublisherWaitDays >= 0, "Transcripts:PublisherWaitDays must not be negative.")
            .Validate(o => o.RetryBaseDelayMinutes > 0, "Transcripts:RetryBaseDelayMinutes must be positive.")
            .Validate(o => o.MaxRetryDelayHours > 0, "Transcripts:MaxRetryDelayHours must be positive.")
            .Validate(o => o.MaxAttempts >= 1, "Transcripts:MaxAttempts must be at least 1.")
            .Validate(o => o.MaxTranscriptBytes > 0, "Transcripts:MaxTranscriptBytes must be positive.")
            .Validate(o => o.ShowNotesMinimumWords >= 1, "Transcripts:ShowNotesMinimumWords must be at least 1.")
            .Validate(o => o.BatchSize is >= 1 and <= 10_000, "Transcripts:BatchSize must be between 1 and 10000.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.TickCron), "Transcripts:TickCron must be a cron expression.")
            .ValidateOnStart();
        services.AddOptions<TranscriptionOptions>()
            .BindConfiguration("Transcription")
            .Validate(o => o.Endpoint is null or "" || Uri.TryCreate(o.Endpoint, UriKind.Absolute, out _), "Transcription:Endpoint must be an absolute URL.")
            .Validate(o => o.BaseUrl is null or "" || Uri.TryCreate(o.BaseUrl, UriKind.Absolute, out _), "Transcription:BaseUrl must be an absolute URL.")
            .Validate(o => o.MaxAudioBytes is > 0 and <= TranscriptionOptions.ApiLimitBytes, "Transcription:MaxAudioBytes must be between 1 and 26214400 (the API's 25 MB limit).")
            .Validate(o => o.TimeoutSeconds is > 0 and <= 3600, "Transcription:TimeoutSeconds must be between 1 and 3600.")
            .Validate(o => o.MaxRetries is >= 0 and <= 5, "Transcription:MaxRetries must be between 0 and 5.")
            .Validate(o => o.MaxEpisodeAgeDays >= 0, "Transcription:MaxEpisodeAgeDays must not be negative (0: any age).")
            .Validate(o => string.IsNullOrWhiteSpace(o.Deployment) || !string.IsNullOrWhiteSpace(o.Endpoint) || !string.IsNullOrWhiteSpace(o.BaseUrl),
                "Transcription:Endpoint (Azure OpenAI) or Transcription:BaseUrl (OpenAI-compatible) must be set when Transcription:Deployment is.")
            .ValidateOnStart();

        services.AddSingleton<ISpeechToText, OpenAiSpeechToText>();
        services.AddScoped<TranscriptFallbacks>();
        services.AddScoped<TranscriptFetchJob>();
        services.AddSingleton<DueTranscriptsRunner>();
        services.AddScoped<FetchEpisodeChaptersJob>();
        services.AddScoped<IRecurringTick, FetchDueTranscriptsTick>();
        services.AddOptions<SampleContentOptions>().BindConfiguration(SampleContentOptions.Section);
        services.AddScoped<IDatabaseSeeder, SampleContentSeeder>();
        services.AddScoped<SampleContentRemover>();
        return services;
    }
}
