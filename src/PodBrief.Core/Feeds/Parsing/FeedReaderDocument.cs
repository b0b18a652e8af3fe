using System.Xml.Linq;
using CodeHollow.FeedReader;
using CodeHollow.FeedReader.Feeds;

namespace PodBrief.Core.Feeds.Parsing;

/// <summary>
/// Hands the document <see cref="FeedXml"/> loaded safely to CodeHollow.FeedReader's RSS and Atom readers. We call
/// its per-format classes (<see cref="Rss20Feed"/>, <see cref="AtomFeed"/>, …) on our document rather than
/// <c>FeedReader.ReadFromString</c>, because that loads the text again with <c>XDocument.Parse</c>, which processes
/// DTDs (entity expansion up to 10 million characters) and knows none of our repairs; the choice of class follows
/// FeedReader's own (root element, RSS version, a declared media: namespace).
/// </summary>
internal static class FeedReaderDocument
{
    public static Feed Read(XDocument document, string text)
    {
        var root = document.Root ?? throw new FeedParseException("The XML document is empty.");
        var name = root.Name.LocalName;
        if (!name.Equals("rss", StringComparison.OrdinalIgnoreCase) && !name.Equals("rdf", StringComparison.OrdinalIgnoreCase)
            && !name.Equals("feed", StringComparison.OrdinalIgnoreCase))
        {
            throw new FeedParseException($"Not a feed: the root element is <{name}>, not <rss> or <feed>.");
        }
        try
        {
            return Specific(root, text).ToFeed();
        }
        catch (Exception ex) when (ex is not (FeedParseException or OperationCanceledException))
        {
            // FeedReader assumes the shape its format promises; a feed that breaks that promise gets words, not a stack.
            throw new FeedParseException($"The feed's <{name}> document does not have the shape of its format ({ex.GetType().Name}: {ex.Message}).", ex);
        }
    }

    private static BaseFeed Specific(XElement root, string text)
    {
        if (root.Name.LocalName.Equals("feed", StringComparison.OrdinalIgnoreCase))
        {
            return new AtomFeed(text, root);
        }
        // FeedReader looks for the channel in the root's default namespace (none for RSS 0.9x/2.0, RSS 1.0's for RDF).
        var channel = root.Element(root.GetDefaultNamespace() + "channel") ?? throw new FeedParseException("The RSS feed has no <channel>.");
        if (root.Name.LocalName.Equals("rdf", StringComparison.OrdinalIgnoreCase))
        {
            return new Rss10Feed(text, channel);
        }
        var version = (string?)root.Attribute("version") ?? "";
        return version switch
        {
            "0.91" => new Rss091Feed(text, channel),
            "0.92" => new Rss092Feed(text, channel),
            "2.0" when root.Attribute(XNamespace.Xmlns + "media") is not null => new MediaRssFeed(text, channel),
            _ => new Rss20Feed(text, channel),
        };
    }
}
