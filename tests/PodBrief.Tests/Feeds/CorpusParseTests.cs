using PodBrief.Core.Feeds.Parsing;
using PodBrief.Testing;

namespace PodBrief.Tests.Feeds;

/// <summary>Every corpus feed through the parser alone (the integration corpus test runs the whole pipeline).</summary>
public class CorpusParseTests
{
    public static TheoryData<string, int, int> Expected => new()
    {
        { "apple-itunes-sample_all-about-everything_itunes-summary-only_BOM.xml", 4, 0 },
        { "atom_youtube-channel_media-group_no-enclosures.xml", 15, 0 },
        { "buzzsprout_dfacto-weekjournaal_nl_94items_one-item-4-transcripts.xml", 94, 4 },
        { "buzzsprout_off-the-fence_158items_1.3MB_transcripts-html-json-srt-vtt.xml", 158, 142 },
        { "datcast_html-in-itunes-subtitle_explicit-clean_empty-itunes-author.xml", 3, 0 },
        { "drdk_kampen-om-historien_danish_UTF8-BOM.xml", 125, 0 },
        { "heraldsun_rss092_no-guid_rfc822-2digit-year-no-colon-time.rss", 2, 0 },
        { "jsonfeed_hologram-radio_40items_podcast-attachments.json", 40, 0 },
        { "podcastindex-namespace_spec-example_transcripts.xml", 3, 4 },
        { "podcasting20_pc20rss_56items_transcripts-application-srt_old-namespace-uri.xml", 56, 47 },
        { "podcastparser_UNDECLARED-itunes-podcast-prefixes_transcript.rss", 1, 1 },
        { "podhome_softwar-audiobook_UTF8-BOM_single-digit-day-dates.xml", 15, 0 },
        { "podverse-test-feed_decimal-seconds-itunes-duration.xml", 5, 0 },
        { "rsscom_talks-by-zen-roshi_122items_transcripts-vtt-extensionless-url.xml", 122, 4 },
        { "sentimental-garbage_138items_LEADING-NEWLINE-before-xml-declaration.xml", 138, 0 },
        { "soundcloud_japanese_single-quoted-xml-declaration.xml", 39, 0 },
        { "spreaker_apostle-joshua-selman_1000items_1.3MB_transcripts-srt-vtt-txt_no-description.xml", 1000, 2841 },
        { "transistor_localfirstfm_28items_transcripts-srt.xml", 28, 28 },
        { "transistor_superheroes-in-heels_33items_transcripts-5-types-per-item.xml", 33, 165 },
        { "uol-noticias_NON-UTF8-undeclared-latin1_portuguese-day-names.rss", 15, 0 },
        { "userland_rss092-sample_enclosures_items-without-title-or-guid_BOM.xml", 22, 0 },
    };

    [Theory, MemberData(nameof(Expected))]
    public void Corpus_feed_parses_to_the_expected_items_and_transcript_links(string file, int episodes, int transcriptLinks)
    {
        var bytes = File.ReadAllBytes(Path.Combine(RepositoryPaths.RequireCorpus(), "feeds", file));
        var feed = FeedParser.Parse(bytes, cancellationToken: TestContext.Current.CancellationToken);
        var dated = feed.Episodes.Count(e => e.PublishedAt is not null);
        var actual = $"{feed.Episodes.Count} episodes, {feed.Episodes.Sum(e => e.Transcripts.Count)} links, {dated} dated, title {feed.Title}, first {feed.Episodes.FirstOrDefault()?.Title} / {feed.Episodes.FirstOrDefault()?.ShowNotes?[..Math.Min(60, feed.Episodes.FirstOrDefault()?.ShowNotes?.Length ?? 0)]}";
        Assert.True(episodes == feed.Episodes.Count, actual);
        Assert.True(transcriptLinks == feed.Episodes.Sum(e => e.Transcripts.Count), actual);
        Assert.False(string.IsNullOrWhiteSpace(feed.Title));
    }

    [Fact]
    public void The_truncated_reuters_feed_fails_with_a_message_an_operator_understands()
    {
        var bytes = File.ReadAllBytes(Path.Combine(RepositoryPaths.RequireCorpus(), "feeds", "reuters_TRUNCATED-malformed-server-error-comment.xml"));
        var error = Assert.Throws<FeedParseException>(() => FeedParser.Parse(bytes, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("not well-formed XML", error.Message, StringComparison.Ordinal);
    }
}
