using PodBrief.Web.Cli;
using PodBrief.Web.Hosting;

// One executable, two faces: with a verb (`migrate`, `podcasts add`, ...) it is the operator CLI,
// otherwise the web app with its Hangfire server.
if (OperatorCli.IsCliInvocation(args))
{
    return await OperatorCli.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddPodBrief(runJobServer: true);

var app = builder.Build();
// Migrations (when configured) and seeding run as the host starts: see DatabasePreparation.
app.UsePodBrief();
await app.RunAsync();
return 0;

/// <summary>Visible to WebApplicationFactory in the integration tests.</summary>
public partial class Program;
