using System.Diagnostics;
using System.Text;
using PodBrief.Core.Feeds.Parsing;

namespace PodBrief.Tests.Feeds;

public class FeedParserRuleTests
{
    private const string Ns = """xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:podcast="https://podcastindex.org/namespace/1.0" """;

    private static ParsedFeed Rss(string items, string channelExtra = "", string? charset = null) =>
        FeedParser.Parse(Encoding.UTF8.GetBytes($"""<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" {Ns}><channel><title>Show</title>{channelExtra}{items}</channel></rss>"""), charset, cancellationToken: TestContext.Current.CancellationToken);

    [Fact]
    public void Xxe_is_refused_fast_without_reading_the_entity()
    {
        var xml = """<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><rss><channel><title>&xxe;</title></channel></rss>""";
        var error = Assert.Throws<FeedParseException>(() => FeedParser.Parse(Encoding.UTF8.GetBytes(xml), cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("DTD", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Billion_laughs_is_refused_fast()
    {
        var entities = new StringBuilder("<!ENTITY lol0 \"lol\">");
        for (var i = 1; i < 10; i++)
        {
            entities.Append($"<!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat($"&lol{i - 1};", 10))}\">");
        }
        var xml = $"<?xml version=\"1.0\"?><!DOCTYPE rss [{entities}]><rss><channel><title>&lol9;</title></channel></rss>";
        var watch = Stopwatch.StartNew();
        var error = Assert.Throws<FeedParseException>(() => FeedParser.Parse(Encoding.UTF8.GetBytes(xml), cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("DTD", error.Message, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void An_external_netscape_doctype_is_dropped_not_fetched()
    {
        var xml = """<?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd"><rss version="0.91"><channel><title>Old</title><item><title>A</title><link>http://example.com/a</link></item></channel></rss>""";
        var feed = FeedParser.Parse(Encoding.UTF8.GetBytes(xml), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal("Old", feed.Title);
        Assert.Single(feed.Episodes);
    }

    [Fact]
    public void Undefined_html_entities_are_repaired_instead_of_dropping_the_feed()
    {
        var feed = Rss("<item><title>Caf&eacute;&nbsp;talk &copy; &bogus; &amp; more</title><guid>1</guid></item>");
        Assert.Equal("Café\u00A0talk © &bogus; & more", feed.Episodes[0].Title);
    }

    [Fact]
    public void Undeclared_itunes_and_podcast_prefixes_are_declared_for_the_feed()
    {
        var xml = """<rss version="2.0"><channel><title>T</title><item><title>E</title><itunes:duration>1:00</itunes:duration><podcast:transcript url="https://example.com/t.txt" type="text/plain"/></item></channel></rss>""";
        var feed = FeedParser.Parse(Encoding.UTF8.GetBytes(xml), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(60, feed.Episodes[0].DurationSeconds);
        Assert.Equal("https://example.com/t.txt", Assert.Single(feed.Episodes[0].Transcripts).Url);
    }

    [Fact]
    public void Latin1_without_any_declaration_is_sniffed()
    {
        var text = "<rss version=\"2.0\"><channel><title>Notícias do Brasil: ações, eleições e opinião</title><item><title>Última edição às três</title><guid>g</guid></item></channel></rss>";
        var feed = FeedParser.Parse(Encoding.Latin1.GetBytes(text), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal("Notícias do Brasil: ações, eleições e opinião", feed.Title);
        Assert.Equal("Última edição às três", feed.Episodes[0].Title);
    }

    [Fact]
    public void The_http_charset_decides_over_a_wrong_declaration()
    {
        var text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss><channel><title>Größe</title></channel></rss>";
        Assert.Equal("Größe", FeedParser.Parse(Encoding.Latin1.GetBytes(text), "iso-8859-1", cancellationToken: TestContext.Current.CancellationToken).Title);
    }

    [Fact]
    public void Bom_and_leading_whitespace_before_the_declaration_are_tolerated()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("\n\n  <?xml version='1.0' encoding='UTF-8'?><rss><channel><title>Ok</title></channel></rss>")).ToArray();
        Assert.Equal("Ok", FeedParser.Parse(bytes, cancellationToken: TestContext.Current.CancellationToken).Title);
    }

    [Fact]
    public void Transcripts_are_read_under_both_namespace_uris()
    {
        var xml = """
            <rss xmlns:a="https://podcastindex.org/namespace/1.0" xmlns:b="https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/1.0.md"><channel><title>T</title>
            <item><guid>1</guid><a:transcript url="https://example.com/1.vtt" type="text/vtt" language="en" rel="captions"/></item>
            <item><guid>2</guid><b:transcript url="https://example.com/2.srt" type="application/srt"/></item>
            </channel></rss>
            """;
        var feed = FeedParser.Parse(Encoding.UTF8.GetBytes(xml), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(new ParsedTranscriptLink("https://example.com/1.vtt", "text/vtt", "en", "captions"), Assert.Single(feed.Episodes[0].Transcripts));
        Assert.Equal(new ParsedTranscriptLink("https://example.com/2.srt", "application/srt", null, null), Assert.Single(feed.Episodes[1].Transcripts));
    }

    [Theory]
    [InlineData("<podcast:block>yes</podcast:block>", true)]
    [InlineData("<podcast:block>Yes</podcast:block>", true)]
    [InlineData("<podcast:block>no</podcast:block>", false)]
    [InlineData("<podcast:block id=\"spotify\">yes</podcast:block>", false)]
    [InlineData("", false)]
    public void Podcast_block_yes_blocks_the_feed(string tag, bool blocked) => Assert.Equal(blocked, Rss("", tag).Blocked);

    [Fact]
    public void Episode_fields_are_read()
    {
        var feed = Rss("""
            <item>
              <title>Ep 7</title><guid isPermaLink="false">abc-7</guid><link>https://example.com/7</link>
              <pubDate>Mon, 2 Mar 2026 10:00:00 GMT</pubDate>
              <enclosure url="https://cdn.example.com/7.mp3" type="audio/mpeg" length=""/>
              <itunes:duration>01:02:03</itunes:duration><itunes:season>2</itunes:season><itunes:episode>7</itunes:episode>
              <itunes:image href="https://example.com/7.jpg"/>
              <description>short</description>
              <content:encoded><![CDATA[<p>Long <b>notes</b></p><script>alert(1)</script><ul><li>one</li><li>two</li></ul>]]></content:encoded>
              <podcast:chapters url="https://example.com/7.json" type="application/json+chapters"/>
              <podcast:funding url="https://example.com/donate">Support</podcast:funding>
            </item>
            """, "<language>en-us</language><ttl>60</ttl><podcast:funding url=\"https://example.com/fund\">Fund us</podcast:funding>");
        var e = Assert.Single(feed.Episodes);
        Assert.Equal(("en-us", 60, "https://example.com/fund", "Fund us"), (feed.Language, feed.TtlMinutes, feed.FundingUrl, feed.FundingText));
        Assert.Equal("abc-7", e.Guid);
        Assert.Equal(new DateTime(2026, 3, 2, 10, 0, 0, DateTimeKind.Utc), e.PublishedAt);
        Assert.Equal(3723, e.DurationSeconds);
        Assert.Equal(("https://cdn.example.com/7.mp3", "audio/mpeg", (long?)null), (e.EnclosureUrl, e.EnclosureType, e.EnclosureLength));
        Assert.Equal((2, 7), (e.SeasonNumber!.Value, e.EpisodeNumber!.Value));
        Assert.Equal("https://example.com/7.jpg", e.ImageUrl);
        Assert.Equal("https://example.com/7.json", e.ChaptersUrl);
        Assert.Equal("https://example.com/donate", e.FundingUrl);
        Assert.Equal("Long notes\none\ntwo", e.ShowNotes);
    }

    [Fact]
    public void Show_notes_fall_back_to_itunes_summary_then_googleplay()
    {
        var feed = Rss("""
            <item><guid>1</guid><itunes:summary>From &lt;i&gt;iTunes&lt;/i&gt;</itunes:summary></item>
            <item><guid>2</guid><googleplay:description xmlns:googleplay="http://www.google.com/schemas/play-podcasts/1.0">From Google</googleplay:description></item>
            """);
        Assert.Equal("From iTunes", feed.Episodes[0].ShowNotes);
        Assert.Equal("From Google", feed.Episodes[1].ShowNotes);
    }

    [Fact]
    public void Unparseable_dates_are_flagged()
    {
        var feed = Rss("<item><guid>1</guid><pubDate>sometime soon</pubDate></item>");
        Assert.Null(feed.Episodes[0].PublishedAt);
        Assert.True(feed.Episodes[0].HadUnparseableDate);
    }

    [Fact]
    public void Atom_and_json_feed_are_read()
    {
        var atom = """<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><entry><id>urn:1</id><title>E</title><published>2026-03-01T10:00:00Z</published><link rel="alternate" href="https://example.com/e"/><link rel="enclosure" href="https://example.com/e.mp3" type="audio/mpeg" length="123"/></entry></feed>""";
        var json = """{"version":"https://jsonfeed.org/version/1.1","title":"J","items":[{"id":"1","title":"E","date_published":"2026-03-01T10:00:00Z","content_html":"<p>Hi</p>","attachments":[{"url":"https://example.com/e.mp3","mime_type":"audio/mpeg","size_in_bytes":0,"duration_in_seconds":61.4}]}]}""";
        var a = FeedParser.Parse(Encoding.UTF8.GetBytes(atom), cancellationToken: TestContext.Current.CancellationToken);
        var j = FeedParser.Parse(Encoding.UTF8.GetBytes(json), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(("Atom", "https://example.com/e.mp3", 123L), (a.Format, a.Episodes[0].EnclosureUrl!, a.Episodes[0].EnclosureLength!.Value));
        Assert.Equal(("JSON Feed", "https://example.com/e.mp3", (long?)null, 61, "Hi"), (j.Format, j.Episodes[0].EnclosureUrl!, j.Episodes[0].EnclosureLength, j.Episodes[0].DurationSeconds!.Value, j.Episodes[0].ShowNotes!));
    }

    [Theory]
    [InlineData("<html><body>Not a feed</body></html>", "root element")]
    [InlineData("<rss><channel><title>cut", "not well-formed")]
    [InlineData("   ", "blank")]
    [InlineData("{\"hello\":1}", "JSON Feed")]
    public void Non_feeds_fail_with_a_clear_message(string body, string expected)
    {
        var error = Assert.Throws<FeedParseException>(() => FeedParser.Parse(Encoding.UTF8.GetBytes(body), cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
