using Spectre.Console.Cli;

namespace PodBrief.Web.Cli;

/// <summary>Every verb of the operator CLI. Feature verbs live next to their feature under Cli/.</summary>
internal static class CliVerbs
{
    public static void Register(IConfigurator config)
    {
        config.AddCommand<MigrateCommand>("migrate")
            .WithDescription("Apply database migrations for the configured provider, then seed defaults.");
        config.AddBranch("digests", digests =>
        {
            digests.SetDescription("Rank, dispatch and send digests.");
            digests.AddCommand<Digests.DigestsRunCommand>("run")
                .WithDescription("Dispatch due digests and send them in-process (--once; --dry-run prints who would get what).");
        });
    }
}
