using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PodBrief.Core.Jobs;

namespace PodBrief.Core.Digests;

public static class DigestSendingServiceCollectionExtensions
{
    /// <summary>Digest delivery: options, the email composer, the send job and the retry tick.</summary>
    public static IServiceCollection AddPodBriefDigestSending(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        services.AddOptions<DigestSendingOptions>()
            .BindConfiguration(DigestSendingOptions.Section)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<DigestSendingOptions>, DigestSendingOptionsValidator>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<DigestSendingOptions>>().Value);
        services.AddSingleton<DigestEmailComposer>();
        services.AddScoped<DigestMessageFactory>();
        services.AddScoped<DigestBatchSender>();
        services.AddScoped<SendDigestJob>();
        services.AddScoped<RetryDueDigestsTick>();
        services.AddScoped<IRecurringTick>(sp => sp.GetRequiredService<RetryDueDigestsTick>());
        return services;
    }

    private sealed class DigestSendingOptionsValidator : IValidateOptions<DigestSendingOptions>
    {
        public ValidateOptionsResult Validate(string? name, DigestSendingOptions options)
        {
            var problems = options.Problems().ToList();
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
