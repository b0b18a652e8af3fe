using System.Text;
using PodBrief.Core.Feeds.Parsing;

namespace PodBrief.Tests.Feeds;

/// <summary>What reading RSS and Atom through CodeHollow.FeedReader (issue 13 item 3) changes, and what it must not.</summary>
public class FeedReaderBasisTests
{
    private static ParsedFeed Parse(string xml) =>
        FeedParser.Parse(Encoding.UTF8.GetBytes(xml), cancellationToken: TestContext.Current.CancellationToken);

    [Fact]
    public void Rss_in_a_default_namespace_is_read_as_FeedReader_reads_it()
    {
        // Some RSS 2.0 feeds put every core element in Userland's namespace; FeedReader looks elements up in the
        // document's default namespace, so they read like any other feed.
        var feed = Parse("""<rss version="2.0" xmlns="http://backend.userland.com/rss2"><channel><title>Show</title><item><title>One</title><guid>g-1</guid><enclosure url="https://example.com/1.mp3" type="audio/mpeg" length="10"/></item></channel></rss>""");
        var episode = Assert.Single(feed.Episodes);
        Assert.Equal(("Show", "g-1", "One", "https://example.com/1.mp3"), (feed.Title, episode.Guid, episode.Title, episode.EnclosureUrl));
    }

    [Fact]
    public void An_enclosure_over_2_GiB_keeps_its_length()
    {
        // FeedReader reads the length as an int; ours falls back to a long.
        var feed = Parse("""<rss version="2.0"><channel><title>Show</title><item><guid>v</guid><enclosure url="https://example.com/v.mp4" type="video/mp4" length="3000000000"/></item></channel></rss>""");
        Assert.Equal(3_000_000_000L, feed.Episodes[0].EnclosureLength);
    }

    [Fact]
    public void Escaped_markup_in_show_notes_stays_text()
    {
        // FeedReader HTML-decodes content:encoded a second time, which would turn "&lt;b&gt;" written as text into a tag.
        var feed = Parse("""<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Show</title><item><guid>1</guid><content:encoded>&amp;lt;b&amp;gt; is the bold tag</content:encoded></item></channel></rss>""");
        Assert.Equal("<b> is the bold tag", feed.Episodes[0].ShowNotes);
    }

    [Theory]
    [InlineData("""<rss version="2.0"><title>No channel</title></rss>""", "no <channel>")]
    [InlineData("""<opml version="2.0"><body/></opml>""", "root element is <opml>")]
    public void Documents_FeedReader_cannot_read_fail_with_words(string xml, string expected)
    {
        var error = Assert.Throws<FeedParseException>(() => Parse(xml));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rss_1_0_items_beside_the_channel_are_read()
    {
        var feed = Parse("""<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel rdf:about="https://example.com/"><title>Old</title><link>https://example.com/</link></channel><item rdf:about="https://example.com/1"><title>First</title><link>https://example.com/1</link><dc:date>2026-03-01T10:00:00Z</dc:date></item></rdf:RDF>""");
        var episode = Assert.Single(feed.Episodes);
        Assert.Equal(("RSS 1.0", "Old", "First", "https://example.com/1"), (feed.Format, feed.Title, episode.Title, episode.Link));
        Assert.Equal(new DateTime(2026, 3, 1, 10, 0, 0, DateTimeKind.Utc), episode.PublishedAt);
    }
}
