using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace PodBrief.Core.Mail;

public static class MailServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Mail feature: <see cref="SmtpOptions"/> (validated at startup) and the transport — SMTP when
    /// Smtp:Host is set, else the file outbox (the embedded default) — wrapped in <see cref="InstrumentedMailTransport"/>
    /// so every send is a trace span and a latency sample.
    /// </summary>
    public static IServiceCollection AddPodBriefMail(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SmtpOptions>()
            .BindConfiguration(SmtpOptions.Section)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<SmtpOptions>, SmtpOptionsValidator>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<SmtpOptions>>().Value);

        services.AddSingleton<DkimMessageSigner>();
        services.AddSingleton<FileOutboxTransport>();
        services.AddSingleton<SmtpMailTransport>();
        var usesSmtp = !string.IsNullOrWhiteSpace(configuration[SmtpOptions.Section + ":Host"]);
        if (usesSmtp)
        {
            services.AddSingleton<IMailTransport>(sp => new InstrumentedMailTransport(sp.GetRequiredService<SmtpMailTransport>(), "smtp"));
        }
        else
        {
            services.AddSingleton<IMailTransport>(sp => new InstrumentedMailTransport(sp.GetRequiredService<FileOutboxTransport>(), "file"));
        }
        return services;
    }

    /// <summary>Reports every problem with its key (the generic Validate above only says "Smtp").</summary>
    private sealed class SmtpOptionsValidator : IValidateOptions<SmtpOptions>
    {
        public ValidateOptionsResult Validate(string? name, SmtpOptions options)
        {
            var problems = options.Problems().ToList();
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
