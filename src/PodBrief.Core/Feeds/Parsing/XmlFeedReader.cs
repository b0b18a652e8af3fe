using System.Xml.Linq;

namespace PodBrief.Core.Feeds.Parsing;

/// <summary>
/// Reads RSS 0.9x/1.0/2.0 and Atom from an <see cref="XDocument"/>, including the itunes:, googleplay:, content:
/// and podcast: extensions (under both Podcast Index namespace URIs).
/// </summary>
internal static class XmlFeedReader
{
    public static ParsedFeed Read(XDocument document, Uri? baseUri)
    {
        var root = document.Root ?? throw new FeedParseException("The XML document is empty.");
        return root.Name.LocalName switch
        {
            "rss" or "RDF" => ReadRss(root, baseUri),
            "feed" => ReadAtom(root, baseUri),
            _ => throw new FeedParseException($"Not a feed: the root element is <{root.Name.LocalName}>, not <rss> or <feed>."),
        };
    }

    private static ParsedFeed ReadRss(XElement root, Uri? baseUri)
    {
        var channel = Core(root, "channel") ?? throw new FeedParseException("The RSS feed has no <channel>.");
        var version = root.Name.LocalName == "RDF" ? "RSS 1.0" : $"RSS {(string?)root.Attribute("version") ?? "2.0"}";
        var feed = new ParsedFeed
        {
            Format = version,
            Title = FeedValues.Clean(Text(Core(channel, "title"))),
            Description = FeedValues.HtmlToText(Text(Core(channel, "description")) ?? Text(ITunes(channel, "summary"))),
            Author = FeedValues.Clean(Text(ITunes(channel, "author")) ?? Text(Core(channel, "managingEditor"))),
            SiteUrl = FeedValues.Url(Text(Core(channel, "link")), baseUri),
            ImageUrl = FeedValues.Url((string?)ITunes(channel, "image")?.Attribute("href") ?? Text(Core(Core(channel, "image"), "url")), baseUri),
            Language = FeedValues.Clean(Text(Core(channel, "language")), 32),
            TtlMinutes = FeedValues.ParseInt(Text(Core(channel, "ttl"))),
            Blocked = PodcastAll(channel, "block").Any(IsBlockForEveryone),
        };
        var funding = Podcast(channel, "funding");
        feed.FundingUrl = FeedValues.Url((string?)funding?.Attribute("url"), baseUri);
        feed.FundingText = FeedValues.Clean(Text(funding));
        // RSS 1.0 puts items beside the channel, RSS 2.0 inside it.
        var items = root.Name.LocalName == "RDF" ? root.Elements().Where(e => e.Name.LocalName == "item") : channel.Elements().Where(IsCore("item"));
        foreach (var item in items)
        {
            feed.Episodes.Add(ReadRssItem(item, baseUri));
        }
        return feed;
    }

    private static ParsedEpisode ReadRssItem(XElement item, Uri? baseUri)
    {
        var enclosure = Core(item, "enclosure");
        var dateText = Text(Core(item, "pubDate")) ?? Text(Dc(item, "date"));
        var published = FeedDates.Parse(dateText);
        var episode = new ParsedEpisode
        {
            Guid = FeedValues.Clean(Text(Core(item, "guid")), 2048),
            Title = FeedValues.Clean(Text(Core(item, "title")) ?? Text(ITunes(item, "title"))),
            PublishedAt = published,
            HadUnparseableDate = published is null && !string.IsNullOrWhiteSpace(dateText),
            DurationSeconds = FeedValues.ParseDuration(Text(ITunes(item, "duration"))),
            EnclosureUrl = FeedValues.Url((string?)enclosure?.Attribute("url"), baseUri),
            EnclosureType = FeedValues.Clean((string?)enclosure?.Attribute("type"), 128),
            EnclosureLength = FeedValues.ParseLength((string?)enclosure?.Attribute("length")),
            Link = FeedValues.Url(Text(Core(item, "link")), baseUri),
            ImageUrl = FeedValues.Url((string?)ITunes(item, "image")?.Attribute("href"), baseUri),
            ShowNotes = FeedValues.HtmlToText(Text(item.Element(XName.Get("encoded", FeedNamespaces.Content)))
                ?? Text(Core(item, "description")) ?? Text(ITunes(item, "summary"))
                ?? Text(item.Element(XName.Get("description", FeedNamespaces.GooglePlay))) ?? Text(ITunes(item, "subtitle"))),
            SeasonNumber = FeedValues.ParseInt(Text(ITunes(item, "season")) ?? Text(Podcast(item, "season"))),
            EpisodeNumber = FeedValues.ParseInt(Text(ITunes(item, "episode")) ?? Text(Podcast(item, "episode"))),
            FundingUrl = FeedValues.Url((string?)Podcast(item, "funding")?.Attribute("url"), baseUri),
        };
        AddTranscripts(item, episode, baseUri);
        PodcastChaptersTag.Apply(item, episode, baseUri);
        return episode;
    }

    private static ParsedFeed ReadAtom(XElement root, Uri? baseUri)
    {
        XNamespace atom = root.Name.Namespace;
        var feed = new ParsedFeed
        {
            Format = "Atom",
            Title = FeedValues.Clean(Text(root.Element(atom + "title"))),
            Description = FeedValues.HtmlToText(Text(root.Element(atom + "subtitle"))),
            Author = FeedValues.Clean(Text(root.Element(atom + "author")?.Element(atom + "name"))),
            SiteUrl = FeedValues.Url(AtomLink(root, atom, "alternate"), baseUri),
            ImageUrl = FeedValues.Url(Text(root.Element(atom + "logo")) ?? Text(root.Element(atom + "icon")), baseUri),
            Language = FeedValues.Clean((string?)root.Attribute(XNamespace.Xml + "lang"), 32),
            Blocked = PodcastAll(root, "block").Any(IsBlockForEveryone),
        };
        foreach (var entry in root.Elements(atom + "entry"))
        {
            var enclosure = entry.Elements(atom + "link").FirstOrDefault(l => (string?)l.Attribute("rel") == "enclosure");
            var media = entry.Element(XName.Get("group", FeedNamespaces.Media));
            var dateText = Text(entry.Element(atom + "published")) ?? Text(entry.Element(atom + "updated"));
            var published = FeedDates.Parse(dateText);
            var episode = new ParsedEpisode
            {
                Guid = FeedValues.Clean(Text(entry.Element(atom + "id")), 2048),
                Title = FeedValues.Clean(Text(entry.Element(atom + "title"))),
                PublishedAt = published,
                HadUnparseableDate = published is null && dateText is not null,
                EnclosureUrl = FeedValues.Url((string?)enclosure?.Attribute("href"), baseUri),
                EnclosureType = FeedValues.Clean((string?)enclosure?.Attribute("type"), 128),
                EnclosureLength = FeedValues.ParseLength((string?)enclosure?.Attribute("length")),
                Link = FeedValues.Url(AtomLink(entry, atom, "alternate"), baseUri),
                ImageUrl = FeedValues.Url((string?)media?.Element(XName.Get("thumbnail", FeedNamespaces.Media))?.Attribute("url"), baseUri),
                ShowNotes = FeedValues.HtmlToText(Text(entry.Element(atom + "content")) ?? Text(entry.Element(atom + "summary"))
                    ?? Text(media?.Element(XName.Get("description", FeedNamespaces.Media)))),
                DurationSeconds = FeedValues.ParseDuration(Text(ITunes(entry, "duration"))),
            };
            AddTranscripts(entry, episode, baseUri);
            PodcastChaptersTag.Apply(entry, episode, baseUri);
            feed.Episodes.Add(episode);
        }
        return feed;
    }

    private static void AddTranscripts(XElement item, ParsedEpisode episode, Uri? baseUri)
    {
        foreach (var tag in PodcastAll(item, "transcript"))
        {
            if (FeedValues.Url((string?)tag.Attribute("url"), baseUri) is { } url)
            {
                episode.Transcripts.Add(new ParsedTranscriptLink(url, FeedValues.Clean((string?)tag.Attribute("type"), 128),
                    FeedValues.Clean((string?)tag.Attribute("language"), 32), FeedValues.Clean((string?)tag.Attribute("rel"), 64)));
            }
        }
    }

    /// <summary>Podcast Index: "yes" blocks everywhere; an id="…" attribute blocks one platform only.</summary>
    private static bool IsBlockForEveryone(XElement block) =>
        block.Attribute("id") is null && string.Equals(Text(block), "yes", StringComparison.OrdinalIgnoreCase);

    private static string? AtomLink(XElement parent, XNamespace atom, string rel) =>
        (string?)parent.Elements(atom + "link").FirstOrDefault(l => ((string?)l.Attribute("rel") ?? "alternate") == rel)?.Attribute("href");

    private static string? Text(XElement? element)
    {
        var value = element?.Value.Trim();
        return string.IsNullOrEmpty(value) ? null : value;
    }

    private static Func<XElement, bool> IsCore(string name) =>
        e => e.Name.LocalName == name && (e.Name.Namespace == XNamespace.None || e.Name.NamespaceName == FeedNamespaces.Rss10);

    /// <summary>An RSS core element: no namespace (RSS 0.9x/2.0) or the RSS 1.0 namespace.</summary>
    private static XElement? Core(XElement? parent, string name) => parent?.Elements().FirstOrDefault(IsCore(name));

    private static XElement? ITunes(XElement parent, string name) =>
        parent.Elements().FirstOrDefault(e => e.Name.LocalName == name && FeedNamespaces.IsITunes(e.Name.Namespace));

    private static XElement? Dc(XElement parent, string name) => parent.Element(XName.Get(name, "http://purl.org/dc/elements/1.1/"));

    private static XElement? Podcast(XElement parent, string name) => PodcastAll(parent, name).FirstOrDefault();

    private static IEnumerable<XElement> PodcastAll(XElement parent, string name) =>
        parent.Elements().Where(e => e.Name.LocalName == name && FeedNamespaces.IsPodcast(e.Name.Namespace));
}
