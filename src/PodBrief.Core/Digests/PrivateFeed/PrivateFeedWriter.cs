using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Xml;

namespace PodBrief.Core.Digests.PrivateFeed;

/// <summary>
/// Writes a private feed as RSS 2.0 (https://www.rssboard.org/rss-specification, with atom:link rel=self as the
/// RSS Advisory Board recommends) and as JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/). Both carry the
/// same items: one per card of a sent digest, with a stable guid/id so readers never show a card twice.
/// </summary>
public static class PrivateFeedWriter
{
    public const string RssContentType = "application/rss+xml; charset=utf-8";
    public const string JsonFeedContentType = "application/feed+json; charset=utf-8";
    private const string AtomNamespace = "http://www.w3.org/2005/Atom";

    public static byte[] Rss(PrivateFeedContent feed)
    {
        using var buffer = new MemoryStream();
        using (var xml = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("rss");
            xml.WriteAttributeString("version", "2.0");
            xml.WriteAttributeString("xmlns", "atom", null, AtomNamespace);
            xml.WriteStartElement("channel");
            xml.WriteElementString("title", feed.Title);
            xml.WriteElementString("link", feed.HomeUrl);
            xml.WriteElementString("description", "The insight cards of your latest digests.");
            xml.WriteElementString("language", "en");
            if (feed.Items.Count > 0)
            {
                xml.WriteElementString("lastBuildDate", Rfc822(feed.Items.Max(i => i.SentAt)));
            }
            xml.WriteElementString("ttl", "360");
            xml.WriteStartElement("atom", "link", AtomNamespace);
            xml.WriteAttributeString("href", feed.FeedUrl);
            xml.WriteAttributeString("rel", "self");
            xml.WriteAttributeString("type", "application/rss+xml");
            xml.WriteEndElement();
            foreach (var item in feed.Items)
            {
                xml.WriteStartElement("item");
                xml.WriteElementString("title", item.Headline);
                xml.WriteElementString("link", item.CardUrl);
                xml.WriteElementString("description", Html(item));
                xml.WriteStartElement("guid");
                xml.WriteAttributeString("isPermaLink", "false");
                xml.WriteString(Id(item));
                xml.WriteEndElement();
                xml.WriteElementString("pubDate", Rfc822(item.SentAt));
                if (!string.IsNullOrWhiteSpace(item.Show))
                {
                    xml.WriteElementString("category", item.Show);
                }
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
            xml.WriteEndElement();
            xml.WriteEndDocument();
        }
        return buffer.ToArray();
    }

    public static byte[] JsonFeed(PrivateFeedContent feed)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("version", "https://jsonfeed.org/version/1.1");
            json.WriteString("title", feed.Title);
            json.WriteString("home_page_url", feed.HomeUrl);
            json.WriteString("feed_url", feed.FeedUrl);
            json.WriteString("description", "The insight cards of your latest digests.");
            json.WriteString("language", "en");
            json.WriteStartArray("items");
            foreach (var item in feed.Items)
            {
                json.WriteStartObject();
                json.WriteString("id", Id(item));
                json.WriteString("url", item.CardUrl);
                json.WriteString("external_url", item.ListenUrl);
                json.WriteString("title", item.Headline);
                json.WriteString("content_html", Html(item));
                json.WriteString("content_text", Text(item));
                if (item.WhyLine.Length > 0)
                {
                    json.WriteString("summary", item.WhyLine);
                }
                json.WriteString("date_published", item.SentAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
                if (!string.IsNullOrWhiteSpace(item.Show))
                {
                    json.WriteStartArray("tags");
                    json.WriteStringValue(item.Show);
                    json.WriteEndArray();
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    /// <summary>Stable per digest item: the same card in two digests is two items, a re-fetch is none.</summary>
    private static string Id(PrivateFeedItem item) => "podbrief:digest-item:" + item.DigestItemId.ToString(CultureInfo.InvariantCulture);

    private static string Rfc822(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("r", CultureInfo.InvariantCulture);

    private static string Html(PrivateFeedItem item)
    {
        var html = new StringBuilder();
        if (item.Show is not null)
        {
            html.Append("<p><strong>").Append(E(item.Show)).Append("</strong>");
            if (item.Episode is not null)
            {
                html.Append(" · ").Append(E(item.Episode));
            }
            html.Append("</p>");
        }
        html.Append("<p>").Append(E(item.Body)).Append("</p>");
        if (item.Quote is not null)
        {
            html.Append("<blockquote><p>“").Append(E(item.Quote)).Append("”</p></blockquote>");
        }
        html.Append("<p><a href=\"").Append(E(item.ListenUrl)).Append("\">").Append(E(item.ListenLabel)).Append("</a></p>");
        if (item.WhyLine.Length > 0)
        {
            html.Append("<p><em>").Append(E(item.WhyLine)).Append("</em></p>");
        }
        return html.ToString();
    }

    private static string Text(PrivateFeedItem item)
    {
        var text = new StringBuilder();
        if (item.Show is not null)
        {
            text.Append(item.Show).Append(item.Episode is null ? "" : " · " + item.Episode).Append("\n\n");
        }
        text.Append(item.Body).Append("\n\n");
        if (item.Quote is not null)
        {
            text.Append('“').Append(item.Quote).Append("”\n\n");
        }
        text.Append(item.ListenLabel).Append(": ").Append(item.ListenUrl);
        return text.ToString();
    }

    private static string E(string value) => WebUtility.HtmlEncode(value);
}
