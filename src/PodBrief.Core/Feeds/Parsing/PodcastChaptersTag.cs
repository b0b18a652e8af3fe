using System.Xml.Linq;

namespace PodBrief.Core.Feeds.Parsing;

/// <summary>
/// &lt;podcast:chapters url="…" type="application/json+chapters"/&gt; on an item, under either Podcast Index namespace
/// URI. Kept apart from the RSS/Atom reader so whichever parser reads the item can call it with the item's element.
/// </summary>
public static class PodcastChaptersTag
{
    /// <summary>The first chapters tag with a usable http(s) URL, or null.</summary>
    public static (string Url, string? MediaType)? Read(XElement item, Uri? baseUri)
    {
        foreach (var tag in item.Elements().Where(e => e.Name.LocalName == "chapters" && FeedNamespaces.IsPodcast(e.Name.Namespace)))
        {
            if (FeedValues.Url((string?)tag.Attribute("url"), baseUri) is { } url)
            {
                return (url, FeedValues.Clean((string?)tag.Attribute("type"), 128));
            }
        }
        return null;
    }

    /// <summary>Copies the tag onto a parsed episode.</summary>
    public static void Apply(XElement item, ParsedEpisode episode, Uri? baseUri)
    {
        if (Read(item, baseUri) is { } chapters)
        {
            episode.ChaptersUrl = chapters.Url;
            episode.ChaptersType = chapters.MediaType;
        }
    }
}
