using Microsoft.Extensions.Options;
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

        // The CLI never starts the host, so the checks that ValidateOnStart runs at host start run here, up front.
        app.Services.GetService<IStartupValidator>()?.Validate();
        if (NeedsDatabase(args) && await DatabaseGate.EnsureReadyAsync(app.Services) is { } notReady)
        {
            await Console.Error.WriteLineAsync(notReady);
            return DatabaseGate.ExitCode;
        }

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
    }

    /// <summary>Every verb but help, version and migrate itself works on the database.</summary>
    private static bool NeedsDatabase(string[] args) =>
        args.Length > 0 && args[0] is not ("migrate" or "--help" or "-h" or "-?" or "--version")
        && !args.Any(a => a is "--help" or "-h" or "-?");
}
