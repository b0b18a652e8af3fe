using Microsoft.Extensions.Options;
using PodBrief.Web.Cli;
using PodBrief.Web.Hosting;

// One executable, two faces: with a verb (`migrate`, `podcasts add`, ...) it is the operator CLI,
// otherwise the web app with its Hangfire server. Bad configuration ends either with one line and exit code 3.
if (OperatorCli.IsCliInvocation(args))
{
    return await ConfigurationErrors.ReportAsync(() => OperatorCli.RunAsync(args));
}

return await ConfigurationErrors.ReportAsync(async () =>
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddPodBrief(runJobServer: true);

    var app = builder.Build();
    // The checks ValidateOnStart would run inside StartAsync run here first, so a bad setting is not also logged
    // by the host as "Hosting failed to start" with a stack trace.
    app.Services.GetService<IStartupValidator>()?.Validate();
    // Migrations (when configured) and seeding run as the host starts: see DatabasePreparation.
    app.UsePodBrief();
    await app.RunAsync();
    return 0;
});

/// <summary>Visible to WebApplicationFactory in the integration tests.</summary>
public partial class Program;
