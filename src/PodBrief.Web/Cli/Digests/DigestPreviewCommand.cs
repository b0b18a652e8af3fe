using System.ComponentModel;
using Microsoft.EntityFrameworkCore;
using PodBrief.Core.Common;
using PodBrief.Core.Data;
using PodBrief.Core.Digests;
using Spectre.Console;
using Spectre.Console.Cli;

namespace PodBrief.Web.Cli.Digests;

/// <summary>
/// `digests preview &lt;email&gt;`: renders that subscriber's next digest to an .eml (and .html beside it) without
/// sending. Uses the digest rows already created for them: the pending one, else the most recent.
/// (When ranking is merged it can build a fresh candidate digest here first.)
/// </summary>
internal sealed class DigestPreviewCommand(IServiceScopeFactory scopes, AppOptions app) : AsyncCommand<DigestPreviewCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<email>")]
        [Description("The subscriber's email address.")]
        public string Email { get; init; } = "";

        [CommandOption("-o|--output <PATH>")]
        [Description("Where to write the .eml (default: <data>/previews/digest-<id>.eml). An .html file is written beside it.")]
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
        var digest = await db.Digests.AsNoTracking()
            .Where(d => d.SubscriberId == subscriber.Id && d.Items.Count > 0)
            .OrderByDescending(d => d.State == DigestState.Pending).ThenByDescending(d => d.LocalDate)
            .FirstOrDefaultAsync(cancellationToken);
        if (digest is null)
        {
            AnsiConsole.MarkupLineInterpolated($"[yellow]{settings.Email} has no digest with cards yet; nothing to preview.[/]");
            return 1;
        }

        var message = await scope.ServiceProvider.GetRequiredService<DigestMessageFactory>().CreateAsync(digest, subscriber, cancellationToken);
        var output = Path.GetFullPath(settings.Output ?? Path.Combine(app.ResolveDataDirectory(), "previews", $"digest-{digest.Id}.eml"));
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        await using (var stream = File.Create(output))
        {
            await message.WriteToAsync(stream, cancellationToken);
        }
        var htmlPath = Path.ChangeExtension(output, ".html");
        await File.WriteAllTextAsync(htmlPath, message.HtmlBody ?? "", cancellationToken);

        AnsiConsole.MarkupLineInterpolated($"Digest [bold]{digest.Id}[/] for {digest.LocalDate:yyyy-MM-dd} ({digest.State}): {message.Subject}");
        AnsiConsole.MarkupLineInterpolated($"Wrote {output}");
        AnsiConsole.MarkupLineInterpolated($"Wrote {htmlPath}");
        return 0;
    }
}
