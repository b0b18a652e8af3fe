using PodBrief.Core.Common;

namespace PodBrief.Web.Hosting;

/// <summary>
/// Warns at startup when a production instance mails without a postal address: CAN-SPAM (15 U.S.C. 7704(a)(5))
/// requires one in every commercial email and GDPR wants the sender identifiable. A warning, not a failure, so a
/// private instance still starts.
/// </summary>
internal sealed class OperatorIdentityCheck(AppOptions app, IHostEnvironment environment, ILogger<OperatorIdentityCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (Problem(app, environment) is { } problem)
        {
            logger.LogWarning("{Problem}", problem);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public static string? Problem(AppOptions app, IHostEnvironment environment) =>
        environment.IsProduction() && string.IsNullOrWhiteSpace(app.OperatorPostalAddress)
            ? "App:OperatorPostalAddress is empty: digest emails go out without the sender's postal address, which " +
              "anti-spam law (CAN-SPAM) requires in every email. Set it to the operator's postal address."
            : null;
}
