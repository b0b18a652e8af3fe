using PodBrief.Web.Cli.Digests;
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
        config.AddBranch("podcasts", b =>
        {
            b.SetDescription("The podcast catalog.");
            b.AddCommand<Podcasts.PodcastsAddCommand>("add").WithDescription("Add a podcast by feed URL (fetched and checked now).");
            b.AddCommand<Podcasts.PodcastsListCommand>("list").WithDescription("Every podcast: status, episodes, transcript coverage, last error.");
            b.AddCommand<Podcasts.PodcastsImportCommand>("import").WithDescription("Import the feeds of an OPML file.");
            b.AddCommand<Podcasts.PodcastsRemoveSampleCommand>("remove-sample").WithDescription("Remove the sample show and every card from it.");
        });
        config.AddCommand<Podcasts.PollCommand>("poll")
            .WithDescription("Poll due feeds now (--force: all), then fetch transcripts of new episodes.");
        config.AddBranch("digests", digests =>
        {
            digests.SetDescription("Rank, dispatch and send digests.");
            digests.AddCommand<Digests.DigestsRunCommand>("run")
                .WithDescription("Dispatch due digests and send them in-process (--once; --dry-run prints who would get what).");
            digests.AddCommand<DigestPreviewCommand>("preview")
                .WithDescription("Render a subscriber's next digest to an .eml/.html file without sending it.");
        });
        config.AddCommand<ExtractCommand>("extract").WithDescription("Extract insight cards for due episodes now (--once, optionally --force).");
        config.AddBranch("insights", b => b.AddCommand<InsightsEvalCommand>("eval")
            .WithDescription("Run the configured extractor over a folder of transcript files and report card quality (writes nothing). Exit 0 ok, 1 a transcript failed, 2 bad arguments."));
        config.AddBranch("cards", b => b.AddCommand<CardsListCommand>("list").WithDescription("List insight cards with quote, start second, topics and provenance."));
    }
}
