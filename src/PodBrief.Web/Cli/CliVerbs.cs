using PodBrief.Web.Cli.Insights;
using Spectre.Console.Cli;

namespace PodBrief.Web.Cli;

/// <summary>Every verb of the operator CLI. Feature verbs live next to their feature under Cli/.</summary>
internal static class CliVerbs
{
    public static void Register(IConfigurator config)
    {
        config.AddCommand<MigrateCommand>("migrate")
            .WithDescription("Apply database migrations for the configured provider, then seed defaults.");
        config.AddCommand<ExtractCommand>("extract").WithDescription("Extract insight cards for due episodes now (--once [--force]).");
        config.AddBranch("cards", b => b.AddCommand<CardsListCommand>("list").WithDescription("List insight cards with quote, start second, topics and provenance."));
    }
}
