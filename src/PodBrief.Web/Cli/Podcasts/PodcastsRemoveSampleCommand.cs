using PodBrief.Core.Transcripts.Samples;
using Spectre.Console;
using Spectre.Console.Cli;

namespace PodBrief.Web.Cli.Podcasts;

/// <summary>`podcasts remove-sample`: deletes the sample show and every episode, transcript and card from it.</summary>
internal sealed class PodcastsRemoveSampleCommand(IServiceScopeFactory scopes) : AsyncCommand
{
    public override async Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var removed = await scope.ServiceProvider.GetRequiredService<SampleContentRemover>().RemoveAsync(cancellationToken);
        if (removed.Podcasts == 0)
        {
            AnsiConsole.MarkupLine("No sample show in the catalog; nothing to remove.");
            return 0;
        }
        AnsiConsole.MarkupLineInterpolated($"Removed the sample show: {removed.Episodes} episode(s) and {removed.Cards} card(s).");
        AnsiConsole.MarkupLine("It is not loaded again while the catalog has other podcasts (Feeds:LoadSampleContent=false turns it off for good).");
        return 0;
    }
}
