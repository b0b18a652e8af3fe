using System.ComponentModel;
using Microsoft.EntityFrameworkCore;
using PodBrief.Core.Common;
using PodBrief.Core.Data;
using PodBrief.Core.Digests;
using Spectre.Console;
using Spectre.Console.Cli;

namespace PodBrief.Web.Cli.Digests;

/// <summary>
/// `digests preview &lt;email&gt;`: ranks and renders that subscriber's next digest as of now into an .eml (and .html
/// beside it), read-only: no digest row, no tokens, nothing sent (see <see cref="DigestPreviewer"/>).
/// </summary>
internal sealed class DigestPreviewCommand(IServiceScopeFactory scopes, AppOptions app) : AsyncCommand<DigestPreviewCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<email>")]
        [Description("The subscriber's email address.")]
        public string Email { get; init; } = "";

        [CommandOption("-o|--output <PATH>")]
        [Description("Where to write the .eml (default: <data>/previews/digest-<subscriber id>.eml). An .html file is written beside it.")]
        public string? Output { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PodBriefDbContext>();
        var normalized = settings.Email.Trim().ToLowerInvariant();
        var subscriber = await db.Subscribers.AsNoTracking().FirstOrDefaultAsync(s => s.EmailNormalized == normalized, cancellationToken);
        if (subscriber is null)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]No subscriber with the address {settings.Email}.[/]");
            return 1;
        }
        var preview = await scope.ServiceProvider.GetRequiredService<DigestPreviewer>().PreviewAsync(subscriber, cancellationToken);
        if (preview.Picks.Count == 0)
        {
            AnsiConsole.MarkupLineInterpolated($"[yellow]No card ranks for {settings.Email} now (nothing recent above Ranking:MinScore, or all already sent); nothing to preview.[/]");
            return 1;
        }

        var output = Path.GetFullPath(settings.Output ?? Path.Combine(app.ResolveDataDirectory(), "previews", $"digest-{subscriber.Id}.eml"));
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        await using (var stream = File.Create(output))
        {
            await preview.Message.WriteToAsync(stream, cancellationToken);
        }
        var htmlPath = Path.ChangeExtension(output, ".html");
        await File.WriteAllTextAsync(htmlPath, preview.Message.HtmlBody ?? "", cancellationToken);

        AnsiConsole.MarkupLineInterpolated($"Next digest for {subscriber.Email} ({preview.LocalDate:yyyy-MM-dd}): {preview.Message.Subject}");
        foreach (var pick in preview.Picks)
        {
            AnsiConsole.MarkupLineInterpolated($"  {pick.Position + 1}. {pick.Headline} [grey]({pick.WhyLine})[/]");
        }
        AnsiConsole.MarkupLineInterpolated($"Wrote {output}");
        AnsiConsole.MarkupLineInterpolated($"Wrote {htmlPath}");
        AnsiConsole.MarkupLine("[grey]Nothing was sent or stored; links in a preview carry a placeholder token.[/]");
        return 0;
    }
}
