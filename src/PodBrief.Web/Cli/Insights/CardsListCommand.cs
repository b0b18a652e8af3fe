using System.ComponentModel;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PodBrief.Core.Common;
using PodBrief.Core.Data;
using PodBrief.Core.Insights;
using Spectre.Console;
using Spectre.Console.Cli;

namespace PodBrief.Web.Cli.Insights;

/// <summary>`cards list [--podcast id] [--json]`: each card with its quote, start second, topics and provenance.</summary>
internal sealed class CardsListCommand(IServiceScopeFactory scopes) : AsyncCommand<CardsListCommand.Settings>
{
    internal sealed class Settings : CommandSettings
    {
        [CommandOption("--podcast <ID>")]
        [Description("Only cards of this podcast.")]
        public long? PodcastId { get; init; }

        [CommandOption("--limit <N>")]
        [Description("At most this many cards, newest first (default 100).")]
        public int Limit { get; init; } = 100;

        [CommandOption("--json")]
        [Description("One JSON array instead of text.")]
        public bool Json { get; init; }
    }

    internal sealed record CardListItem(
        long Id, long PodcastId, string? Show, long EpisodeId, string? Episode, string Headline, string Body, string Quote,
        double? StartSeconds, string? Speaker, IReadOnlyList<string> Topics, string? Keywords, double Importance,
        string Provenance, string Confidence, string Extractor, long? ClusterId);

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PodBriefDbContext>();
        var query = db.InsightCards.AsNoTracking();
        if (settings.PodcastId is { } podcastId)
        {
            query = query.Where(c => c.PodcastId == podcastId);
        }
        var rows = await query
            .OrderByDescending(c => c.CreatedAt).ThenBy(c => c.EpisodeId).ThenBy(c => c.QuoteStartSeconds).ThenBy(c => c.Id)
            .Take(settings.Limit)
            .Select(c => new
            {
                c.Id,
                c.PodcastId,
                Show = c.Episode!.Podcast!.Title,
                c.EpisodeId,
                Episode = c.Episode.Title,
                c.Headline,
                c.Body,
                c.Quote,
                c.QuoteStartSeconds,
                c.Speaker,
                Topics = c.Topics.OrderByDescending(t => t.Score).Select(t => t.Topic!.Slug).ToList(),
                c.Keywords,
                c.Importance,
                c.Provenance,
                c.Confidence,
                c.ExtractorName,
                c.ClusterId,
            })
            .ToListAsync(cancellationToken);
        var items = rows.Select(c => new CardListItem(c.Id, c.PodcastId, c.Show, c.EpisodeId, c.Episode, c.Headline, c.Body, c.Quote,
            c.QuoteStartSeconds, c.Speaker, c.Topics, c.Keywords, c.Importance, c.Provenance.ToString(), c.Confidence.ToString(),
            c.ExtractorName, c.ClusterId)).ToList();

        if (settings.Json)
        {
            // Plain stdout: Spectre would wrap long lines and break the JSON.
            Console.Out.WriteLine(JsonSerializer.Serialize(items, JsonOptions));
            return 0;
        }
        if (items.Count == 0)
        {
            AnsiConsole.MarkupLine("No cards.");
            return 0;
        }
        foreach (var card in items)
        {
            var at = card.StartSeconds is { } s ? TimeLabel.Format(s) + $" ({s:0.#} s)" : "no timestamp";
            AnsiConsole.MarkupLineInterpolated($"[bold]#{card.Id} {card.Headline}[/]");
            AnsiConsole.MarkupLineInterpolated($"  {card.Show} — {card.Episode} · {at} · {card.Provenance} · importance {card.Importance:0.00}");
            AnsiConsole.MarkupLineInterpolated($"  {card.Body}");
            AnsiConsole.MarkupLineInterpolated($"  [italic]“{card.Quote}”[/]{(card.Speaker is null ? "" : " — " + card.Speaker)}");
            AnsiConsole.MarkupLineInterpolated($"  topics: {string.Join(", ", card.Topics)}; keywords: {card.Keywords}");
            AnsiConsole.WriteLine();
        }
        return 0;
    }
}
