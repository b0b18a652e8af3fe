using PodBrief.Web.Cli.Digests;
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
            digests.SetDescription("Digest delivery.");
            digests.AddCommand<DigestPreviewCommand>("preview")
                .WithDescription("Render a subscriber's next digest to an .eml/.html file without sending it.");
        });
    }
}
