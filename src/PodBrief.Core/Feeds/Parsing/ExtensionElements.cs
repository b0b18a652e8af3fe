using System.Xml.Linq;

namespace PodBrief.Core.Feeds.Parsing;

/// <summary>
/// The extension elements of one channel or item — itunes:, podcast: (under either Podcast Index namespace URI),
/// content:, googleplay:, dc: and media: — gathered in a single pass over its children. FeedReader models the core
/// RSS/Atom elements; these are the ones it leaves to us, and one pass costs less than a lookup per field.
/// </summary>
internal sealed class ExtensionElements
{
    public XElement? ITunesTitle, ITunesDuration, ITunesImage, ITunesSummary, ITunesSubtitle, ITunesSeason, ITunesEpisode, ITunesAuthor;
    public XElement? PodcastSeason, PodcastEpisode, PodcastFunding, ContentEncoded, GooglePlayDescription, DcDate, MediaGroup;
    public (string Url, string? MediaType)? Chapters;
    public List<XElement> PodcastTranscripts { get; } = [];
    public List<XElement> PodcastBlocks { get; } = [];

    public static ExtensionElements Of(XElement parent, NamespaceKinds kinds, Uri? baseUri)
    {
        var found = new ExtensionElements();
        foreach (var child in parent.Elements())
        {
            var local = child.Name.LocalName;
            switch (kinds.Of(child.Name.Namespace))
            {
                case NamespaceKind.ITunes: found.AddITunes(local, child); break;
                case NamespaceKind.Podcast: found.AddPodcast(local, child, baseUri); break;
                case NamespaceKind.Content when local == "encoded": found.ContentEncoded ??= child; break;
                case NamespaceKind.GooglePlay when local == "description": found.GooglePlayDescription ??= child; break;
                case NamespaceKind.DublinCore when local == "date": found.DcDate ??= child; break;
                case NamespaceKind.Media when local == "group": found.MediaGroup ??= child; break;
            }
        }
        return found;
    }

    private void AddITunes(string localName, XElement child)
    {
        switch (localName)
        {
            case "title": ITunesTitle ??= child; break;
            case "duration": ITunesDuration ??= child; break;
            case "image": ITunesImage ??= child; break;
            case "summary": ITunesSummary ??= child; break;
            case "subtitle": ITunesSubtitle ??= child; break;
            case "season": ITunesSeason ??= child; break;
            case "episode": ITunesEpisode ??= child; break;
            case "author": ITunesAuthor ??= child; break;
        }
    }

    private void AddPodcast(string localName, XElement child, Uri? baseUri)
    {
        switch (localName)
        {
            case "transcript": PodcastTranscripts.Add(child); break;
            case "block": PodcastBlocks.Add(child); break;
            case "season": PodcastSeason ??= child; break;
            case "episode": PodcastEpisode ??= child; break;
            case "funding": PodcastFunding ??= child; break;
            case "chapters" when Chapters is null:
                // The first chapters tag with a usable http(s) URL wins; one without a URL does not hide the next.
                if (FeedValues.Url((string?)child.Attribute("url"), baseUri) is { } url)
                {
                    Chapters = (url, FeedValues.Clean((string?)child.Attribute("type"), 128));
                }
                break;
        }
    }
}

internal enum NamespaceKind { Other, ITunes, Podcast, Content, GooglePlay, DublinCore, Media }

/// <summary>Which extension a namespace is, decided once per namespace of the document rather than once per element.</summary>
internal sealed class NamespaceKinds
{
    private readonly Dictionary<XNamespace, NamespaceKind> _known = [];

    public NamespaceKind Of(XNamespace ns)
    {
        if (ns == XNamespace.None)
        {
            return NamespaceKind.Other;
        }
        if (!_known.TryGetValue(ns, out var kind))
        {
            kind = Classify(ns);
            _known[ns] = kind;
        }
        return kind;
    }

    private static NamespaceKind Classify(XNamespace ns) => ns.NamespaceName switch
    {
        _ when FeedNamespaces.IsITunes(ns) => NamespaceKind.ITunes,
        _ when FeedNamespaces.IsPodcast(ns) => NamespaceKind.Podcast,
        FeedNamespaces.Content => NamespaceKind.Content,
        FeedNamespaces.GooglePlay => NamespaceKind.GooglePlay,
        FeedNamespaces.DublinCore => NamespaceKind.DublinCore,
        FeedNamespaces.Media => NamespaceKind.Media,
        _ => NamespaceKind.Other,
    };
}
