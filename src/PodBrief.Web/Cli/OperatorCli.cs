using PodBrief.Web.Hosting;
using Spectre.Console.Cli;

namespace PodBrief.Web.Cli;

/// <summary>
/// The operator CLI: the same executable and configuration as the web app, with verbs instead of a server.
/// Verbs are registered in <see cref="CliVerbs"/>.
/// </summary>
public static class OperatorCli
{
    /// <summary>A first argument that is not an option (or is a help/version flag) means a CLI verb.</summary>
    public static bool IsCliInvocation(string[] args) =>
        args.Length > 0 && (!args[0].StartsWith('-') || args[0] is "--help" or "-h" or "-?" or "--version");

    public static async Task<int> RunAsync(string[] args)
    {
        // Configuration comes from appsettings and environment variables; the args belong to the verbs.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
        // Verbs report what they did themselves; routine Information logs would only break up the progress bars.
        // (Added last, so it wins over appsettings; warnings and errors still print.)
        builder.Configuration.AddInMemoryCollection([new("Logging:LogLevel:Default", "Warning")]);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddPodBrief(runJobServer: false);
        await using var app = builder.Build();

        var cli = new CommandApp(new ServiceProviderTypeRegistrar(app.Services));
        cli.Configure(config =>
        {
            config.SetApplicationName("podbrief");
            config.PropagateExceptions();
            CliVerbs.Register(config);
        });
        try
        {
            return await cli.RunAsync(args);
        }
        catch (Exception ex) when (ex is CommandParseException or CommandRuntimeException)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 2;
        }
        catch (Microsoft.Extensions.Options.OptionsValidationException ex)
        {
            await Console.Error.WriteLineAsync("Configuration error: " + ex.Message);
            return 3;
        }
    }
}
