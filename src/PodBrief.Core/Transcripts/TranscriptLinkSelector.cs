using PodBrief.Core.Data;

namespace PodBrief.Core.Transcripts;

/// <summary>
/// Orders an episode's &lt;podcast:transcript&gt; links best first. A link in the episode's (or feed's) language
/// comes first — a translation is no substitute; then timed formats (JSON, WebVTT, SRT: real times for grounding)
/// before HTML before plain text; then <c>rel="captions"</c> (the namespace's mark of a timed, caption-grade file)
/// and, last, the order the feed listed them. The fetch job walks the list and stops at the first that parses.
/// </summary>
public static class TranscriptLinkSelector
{
    public static IReadOnlyList<TranscriptLink> Order(IEnumerable<TranscriptLink> links, string? language) =>
        links
            .Select((link, index) => (link, index, format: FormatOf(link)))
            .OrderBy(x => LanguageRank(x.link.Language, language))
            .ThenBy(x => FormatRank(x.format))
            .ThenBy(x => IsCaptions(x.link) ? 0 : 1)
            .ThenBy(x => x.index)
            .Select(x => x.link)
            .ToList();

    public static TranscriptLink? Best(IEnumerable<TranscriptLink> links, string? language) =>
        Order(links, language) is [var best, ..] ? best : null;

    /// <summary>
    /// The link's likely format. Decided here only (never stored at ingestion), so one rule — <see cref="TranscriptFormats.Decide"/>
    /// — holds everywhere; the downloaded content is sniffed after that.
    /// </summary>
    public static TranscriptFormat FormatOf(TranscriptLink link) => TranscriptFormats.Decide(link.Url, link.MediaType);

    public static bool IsCaptions(TranscriptLink link) => string.Equals(link.Rel?.Trim(), "captions", StringComparison.OrdinalIgnoreCase);

    private static int FormatRank(TranscriptFormat format) => format switch
    {
        TranscriptFormat.Json => 0,
        TranscriptFormat.WebVtt => 1,
        TranscriptFormat.Srt => 2,
        TranscriptFormat.Html => 3,
        TranscriptFormat.PlainText => 4,
        _ => 5, // unknown: sniffed after download, so still worth a try, last
    };

    /// <summary>0: same language (primary subtag: en-US = en); 1: unstated; 2: another language.</summary>
    private static int LanguageRank(string? linkLanguage, string? wanted)
    {
        if (string.IsNullOrWhiteSpace(linkLanguage) || string.IsNullOrWhiteSpace(wanted))
        {
            return 1;
        }
        return string.Equals(Primary(linkLanguage), Primary(wanted), StringComparison.OrdinalIgnoreCase) ? 0 : 2;
    }

    private static string Primary(string language) => language.Trim().Split('-', '_')[0];
}
