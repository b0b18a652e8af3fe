using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace PodBrief.Core.Subscribers;

public static class SubscribersServiceCollectionExtensions
{
    /// <summary>Registers the Subscribers feature: tokens, links, signup and preferences services.</summary>
    public static IServiceCollection AddPodBriefSubscribers(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        services.AddOptions<SubscribersOptions>().BindConfiguration(SubscribersOptions.Section)
            .Validate(o => MimeKit.MailboxAddress.TryParse(o.MailFrom, out _), "Subscribers:MailFrom must be an email address such as \"PodBrief <brief@example.com>\".")
            .Validate(o => o.ConfirmationLifetimeHours is >= 1 and <= 720, "Subscribers:ConfirmationLifetimeHours must be between 1 and 720.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.ConsentFormVersion) && o.ConsentFormVersion.Length <= 32, "Subscribers:ConsentFormVersion must be 1-32 characters.")
            .ValidateOnStart();
        services.AddScoped<SubscriberTokenService>();
        services.AddSingleton<SubscriberLinks>();
        services.AddSingleton<SubscriberMailComposer>();
        services.AddScoped<SubscriptionService>();
        services.AddScoped<SendAccountMailJob>();
        services.AddScoped<PreferencesService>();
        services.AddScoped<SubscriberDataRights>();
        services.AddScoped<FeedbackRecorder>();
        services.AddScoped<Jobs.IRecurringTick, PurgeExpiredTokensTick>();
        return services;
    }
}
