using System.Xml.Linq;
using CodeHollow.FeedReader;
using CodeHollow.FeedReader.Feeds;

namespace PodBrief.Core.Feeds.Parsing;

/// <summary>
/// RSS 0.9x/1.0/2.0 and Atom as CodeHollow.FeedReader read them (titles, links, guids, enclosures, descriptions),
/// plus what FeedReader leaves to us, taken from its channel and item elements: the podcast: namespace under both
/// Podcast Index URIs (transcript, chapters, block, funding, season, episode), the itunes: fields, content:encoded,
/// and the dates, which <see cref="FeedDates"/> parses culture-invariantly (FeedReader's parse follows the current
/// culture and misses most of what feeds write).
/// </summary>
internal static class XmlFeedReader
{
    public static ParsedFeed Read(XDocument document, string text, Uri? baseUri)
    {
        var parsed = FeedReaderDocument.Read(document, text);
        var kinds = new NamespaceKinds();
        return parsed.SpecificFeed is AtomFeed atom ? ReadAtom(atom, parsed, kinds, baseUri) : ReadRss(parsed, kinds, baseUri);
    }

    private static ParsedFeed ReadRss(Feed parsed, NamespaceKinds kinds, Uri? baseUri)
    {
        var specific = parsed.SpecificFeed;
        var channel = specific.Element;
        var root = channel.Parent ?? channel;
        var ext = ExtensionElements.Of(channel, kinds, baseUri);
        var feed = new ParsedFeed
        {
            Format = specific is Rss10Feed ? "RSS 1.0" : $"RSS {(string?)root.Attribute("version") ?? "2.0"}",
            Title = FeedValues.Clean(parsed.Title),
            Description = FeedValues.HtmlToText(NonBlank(parsed.Description) ?? Text(ext.ITunesSummary)),
            Author = FeedValues.Clean(Text(ext.ITunesAuthor) ?? NonBlank(ManagingEditor(specific))),
            SiteUrl = FeedValues.Url(parsed.Link, baseUri),
            ImageUrl = FeedValues.Url((string?)ext.ITunesImage?.Attribute("href") ?? parsed.ImageUrl, baseUri),
            Language = FeedValues.Clean(parsed.Language, 32),
            TtlMinutes = FeedValues.ParseInt(specific switch { Rss20Feed r => r.TTL, MediaRssFeed m => m.TTL, _ => null }),
            Blocked = ext.PodcastBlocks.Any(IsBlockForEveryone),
            FundingUrl = FeedValues.Url((string?)ext.PodcastFunding?.Attribute("url"), baseUri),
            FundingText = FeedValues.Clean(Text(ext.PodcastFunding)),
        };
        foreach (var item in parsed.Items)
        {
            feed.Episodes.Add(ReadRssItem(item, kinds, baseUri));
        }
        return feed;
    }

    private static ParsedEpisode ReadRssItem(FeedItem item, NamespaceKinds kinds, Uri? baseUri)
    {
        var specific = item.SpecificItem;
        var element = specific.Element;
        var ext = ExtensionElements.Of(element, kinds, baseUri);
        var dateText = NonBlank(item.PublishingDateString) ?? Text(ext.DcDate);
        var published = FeedDates.Parse(dateText);
        var enclosure = EnclosureOf(specific);
        var episode = new ParsedEpisode
        {
            Guid = FeedValues.Clean(specific switch { Rss20FeedItem r => r.Guid, MediaRssFeedItem m => m.Guid, _ => null } ?? CoreValue(element, "guid"), 2048),
            Title = FeedValues.Clean(NonBlank(specific.Title) ?? Text(ext.ITunesTitle)),
            PublishedAt = published,
            HadUnparseableDate = published is null && dateText is not null,
            DurationSeconds = FeedValues.ParseDuration(Text(ext.ITunesDuration)),
            EnclosureUrl = FeedValues.Url(enclosure?.Url, baseUri),
            EnclosureType = FeedValues.Clean(enclosure?.MediaType, 128),
            // FeedReader reads the length as an int; a video over 2 GiB still has its length.
            EnclosureLength = enclosure?.Length is > 0 and var length ? length
                : enclosure is null ? null : FeedValues.ParseLength((string?)CoreElement(element, "enclosure")?.Attribute("length")),
            Link = FeedValues.Url(specific.Link, baseUri),
            ImageUrl = FeedValues.Url((string?)ext.ITunesImage?.Attribute("href"), baseUri),
            // content:encoded from its element: FeedReader HTML-decodes it once more, which turns escaped text into tags.
            ShowNotes = FeedValues.HtmlToText(Text(ext.ContentEncoded) ?? NonBlank(item.Description) ?? Text(ext.ITunesSummary)
                ?? Text(ext.GooglePlayDescription) ?? Text(ext.ITunesSubtitle)),
            SeasonNumber = FeedValues.ParseInt(Text(ext.ITunesSeason) ?? Text(ext.PodcastSeason)),
            EpisodeNumber = FeedValues.ParseInt(Text(ext.ITunesEpisode) ?? Text(ext.PodcastEpisode)),
            FundingUrl = FeedValues.Url((string?)ext.PodcastFunding?.Attribute("url"), baseUri),
        };
        ApplyPodcastTags(ext, episode, baseUri);
        return episode;
    }

    private static ParsedFeed ReadAtom(AtomFeed atom, Feed parsed, NamespaceKinds kinds, Uri? baseUri)
    {
        var root = atom.Element;
        var ext = ExtensionElements.Of(root, kinds, baseUri);
        var feed = new ParsedFeed
        {
            Format = "Atom",
            Title = FeedValues.Clean(parsed.Title),
            Description = FeedValues.HtmlToText(atom.Subtitle),
            Author = FeedValues.Clean(atom.Author?.Name),
            SiteUrl = FeedValues.Url(Alternate(atom.Links), baseUri),
            ImageUrl = FeedValues.Url(NonBlank(atom.Logo) ?? NonBlank(atom.Icon), baseUri),
            Language = FeedValues.Clean((string?)root.Attribute(XNamespace.Xml + "lang"), 32),
            Blocked = ext.PodcastBlocks.Any(IsBlockForEveryone),
        };
        XNamespace ns = root.Name.Namespace;
        foreach (var entry in parsed.Items.Select(i => i.SpecificItem).OfType<AtomFeedItem>())
        {
            var entryExt = ExtensionElements.Of(entry.Element, kinds, baseUri);
            var enclosure = entry.Links.FirstOrDefault(l => l.Relation == "enclosure");
            var media = entryExt.MediaGroup;
            var dateText = NonBlank(entry.PublishedDateString) ?? NonBlank(entry.UpdatedDateString);
            var published = FeedDates.Parse(dateText);
            var episode = new ParsedEpisode
            {
                Guid = FeedValues.Clean(entry.Id, 2048),
                Title = FeedValues.Clean(entry.Title),
                PublishedAt = published,
                HadUnparseableDate = published is null && dateText is not null,
                EnclosureUrl = FeedValues.Url(enclosure?.Href, baseUri),
                EnclosureType = FeedValues.Clean(enclosure?.LinkType, 128),
                EnclosureLength = enclosure?.Length is > 0 and var length ? length : null,
                Link = FeedValues.Url(Alternate(entry.Links), baseUri),
                ImageUrl = FeedValues.Url((string?)media?.Element(XName.Get("thumbnail", FeedNamespaces.Media))?.Attribute("url"), baseUri),
                // <content> from its element for the same reason as content:encoded above.
                ShowNotes = FeedValues.HtmlToText(Text(entry.Element.Element(ns + "content")) ?? NonBlank(entry.Summary)
                    ?? Text(media?.Element(XName.Get("description", FeedNamespaces.Media)))),
                DurationSeconds = FeedValues.ParseDuration(Text(entryExt.ITunesDuration)),
            };
            ApplyPodcastTags(entryExt, episode, baseUri);
            feed.Episodes.Add(episode);
        }
        return feed;
    }

    private static void ApplyPodcastTags(ExtensionElements ext, ParsedEpisode episode, Uri? baseUri)
    {
        foreach (var tag in ext.PodcastTranscripts)
        {
            if (FeedValues.Url((string?)tag.Attribute("url"), baseUri) is { } url)
            {
                episode.Transcripts.Add(new ParsedTranscriptLink(url, FeedValues.Clean((string?)tag.Attribute("type"), 128),
                    FeedValues.Clean((string?)tag.Attribute("language"), 32), FeedValues.Clean((string?)tag.Attribute("rel"), 64)));
            }
        }
        if (ext.Chapters is { } chapters)
        {
            episode.ChaptersUrl = chapters.Url;
            episode.ChaptersType = chapters.MediaType;
        }
    }

    /// <summary>The enclosure as FeedReader read it, for the RSS versions whose model has one.</summary>
    private static FeedItemEnclosure? EnclosureOf(BaseFeedItem item) => item switch
    {
        Rss20FeedItem r => r.Enclosure,
        MediaRssFeedItem m => m.Enclosure,
        Rss092FeedItem n => n.Enclosure,
        _ => CoreElement(item.Element, "enclosure") is { } e ? new FeedItemEnclosure(e) : null,
    };

    private static string? ManagingEditor(BaseFeed feed) => feed switch
    {
        Rss20Feed r => r.ManagingEditor,
        MediaRssFeed m => m.ManagingEditor,
        Rss091Feed o => o.ManagingEditor,
        _ => null,
    };

    /// <summary>Podcast Index: "yes" blocks everywhere; an id="…" attribute blocks one platform only.</summary>
    private static bool IsBlockForEveryone(XElement block) =>
        block.Attribute("id") is null && string.Equals(Text(block), "yes", StringComparison.OrdinalIgnoreCase);

    /// <summary>The first link with rel="alternate" or no rel (RFC 4287 §4.2.7.2).</summary>
    private static string? Alternate(IEnumerable<AtomLink> links) =>
        links.FirstOrDefault(l => string.IsNullOrEmpty(l.Relation) || l.Relation == "alternate")?.Href;

    /// <summary>A core element FeedReader's model of this RSS version lacks, looked up the way FeedReader looks up
    /// the ones it has: in the item's default namespace.</summary>
    private static XElement? CoreElement(XElement parent, string name) => parent.Element(parent.GetDefaultNamespace() + name);

    private static string? CoreValue(XElement parent, string name) => Text(CoreElement(parent, name));

    private static string? Text(XElement? element) => NonBlank(element?.Value);

    private static string? NonBlank(string? value)
    {
        var trimmed = value?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : trimmed;
    }
}
