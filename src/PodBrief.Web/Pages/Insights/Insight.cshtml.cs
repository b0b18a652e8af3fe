using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PodBrief.Core.Common;

namespace PodBrief.Web.Pages.Insights;

/// <summary>
/// One insight card with its quote, a player that starts at the quote (or at ?t= from an email's listen link),
/// the publisher's episode page, and related cards from other episodes and shows.
/// </summary>
public class InsightModel(InsightCardQueries cards, InsightChapterLookup chapters) : PageModel
{
    public InsightCardView? Card { get; private set; }
    public List<InsightCardView> Related { get; private set; } = [];
    public long? StartSeconds { get; private set; }
    public string? AudioSource { get; private set; }
    public string PlayerLabel { get; private set; } = "";
    /// <summary>The episode page button says "Listen from…" when there is no player to do that here.</summary>
    public string EpisodePageLabel => AudioSource is null ? TimeLabel.ListenFrom(StartSeconds) + " on the episode page" : "Episode page";
    public string? EpisodePageLink { get; private set; }
    /// <summary>The publisher's chapter covering the quote, if the feed has chapters.</summary>
    public string? Chapter { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, string? t, CancellationToken cancellationToken)
    {
        Card = await cards.FindAsync(id, cancellationToken);
        if (Card is null)
        {
            return NotFound();
        }
        StartSeconds = ParseStart(t) ?? Card.StartSeconds;
        if (Card.AudioUrl is { } audio)
        {
            var withoutFragment = audio.Split('#')[0];
            AudioSource = StartSeconds is { } s ? withoutFragment + "#t=" + s.ToString(CultureInfo.InvariantCulture) : withoutFragment;
            PlayerLabel = TimeLabel.ListenFrom(StartSeconds);
        }
        EpisodePageLink = Card.EpisodePageUrl is null ? null : ListenLink.Build("", Card.Id, Card.EpisodePageUrl, StartSeconds);
        Chapter = await chapters.TitleAtQuoteAsync(id, cancellationToken);
        Related = await cards.RelatedAsync(id, 4, cancellationToken);
        return Page();
    }

    /// <summary>?t=754 (seconds) from a listen link; anything else is ignored rather than an error.</summary>
    public static long? ParseStart(string? t) =>
        long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ? TimeLabel.WholeSeconds(seconds) : null;
}
