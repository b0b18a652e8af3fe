using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace PodBrief.Core.Feeds.Parsing;

/// <summary>
/// Loads feed text as XML safely: no DTD processing, no resolver (no outbound request, no entity expansion), and
/// repairs for what real feeds get wrong — text before the declaration, undefined HTML entities (&amp;nbsp;),
/// undeclared itunes:/podcast: prefixes. A repair runs only after a strict parse failed, so good feeds pay nothing.
/// </summary>
public static partial class FeedXml
{
    /// <summary>Prefixes feeds use without declaring them, and the namespace each one means.</summary>
    private static readonly (string Prefix, string Uri)[] WellKnownPrefixes =
    [
        ("itunes", FeedNamespaces.ITunes), ("podcast", FeedNamespaces.Podcast), ("content", FeedNamespaces.Content),
        ("googleplay", FeedNamespaces.GooglePlay), ("media", FeedNamespaces.Media), ("atom", FeedNamespaces.Atom),
        ("dc", FeedNamespaces.DublinCore), ("sy", "http://purl.org/rss/1.0/modules/syndication/"),
        ("psc", "http://podlove.org/simple-chapters"), ("spotify", "http://www.spotify.com/ns/rss"),
    ];

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CheckCharacters = false,
        MaxCharactersFromEntities = 1024,
    };

    public static XDocument Load(string text)
    {
        // Parse from where the root starts rather than from a copy without the declaration: the copy was the size of
        // the feed. The DOCTYPE rules run only when there is a DOCTYPE, instead of two scans of every feed (issue 13).
        var start = RootStart(text);
        if (text.AsSpan(start).Contains("<!DOCTYPE", StringComparison.OrdinalIgnoreCase))
        {
            text = text[start..];
            start = 0;
            if (DoctypeWithInternalSubset().IsMatch(text))
            {
                // Entity declarations live in the internal subset: that is where XXE and billion-laughs attacks are.
                throw new FeedParseException("The feed declares a DTD with an internal subset (entity declarations); refused as unsafe (XXE / entity expansion).");
            }
            // A bare external DOCTYPE (the old Netscape RSS 0.91 one) carries nothing we need; drop it rather than fetch it.
            text = ExternalDoctype().Replace(text, "", 1);
        }
        try
        {
            return Parse(text, start);
        }
        catch (XmlException first)
        {
            var stripped = start == 0 ? text : text[start..];
            var repaired = DeclareUndeclaredPrefixes(RepairEntities(stripped));
            if (ReferenceEquals(repaired, stripped) || repaired == stripped)
            {
                throw Describe(first);
            }
            try
            {
                return Parse(repaired, 0);
            }
            catch (XmlException second)
            {
                throw Describe(second);
            }
        }
    }

    private static XDocument Parse(string text, int start)
    {
        using var source = new StringReader(text);
        Span<char> skipped = stackalloc char[256];
        for (var left = start; left > 0;)
        {
            left -= source.Read(skipped[..Math.Min(left, skipped.Length)]);
        }
        using var reader = XmlReader.Create(source, Settings);
        return XDocument.Load(reader, LoadOptions.None);
    }

    private static FeedParseException Describe(XmlException ex) => ex.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase)
        ? new FeedParseException("The feed uses a DTD, which is refused as unsafe (XXE / entity expansion).", ex)
        : new FeedParseException($"The feed is not well-formed XML (line {ex.LineNumber}, position {ex.LinePosition}): {ex.Message}", ex);

    /// <summary>Whitespace, BOMs and junk before the first '&lt;' make strict parsers reject the declaration; drop them,
    /// and the declaration itself (the text is already decoded, so its encoding= would only mislead).</summary>
    internal static string StripBeforeRoot(string text)
    {
        var start = RootStart(text);
        return start == 0 ? text : text[start..];
    }

    /// <summary>Where <see cref="StripBeforeRoot"/> cuts: the first '&lt;', or just past the XML declaration.</summary>
    private static int RootStart(string text)
    {
        var start = text.IndexOf('<', StringComparison.Ordinal);
        if (start < 0)
        {
            throw new FeedParseException("The response is not XML (no '<' found).");
        }
        if (string.CompareOrdinal(text, start, "<?xml ", 0, 6) == 0 || string.CompareOrdinal(text, start, "<?xml\t", 0, 6) == 0)
        {
            var end = text.IndexOf("?>", start, StringComparison.Ordinal);
            if (end > 0)
            {
                start = end + 2;
            }
        }
        return start;
    }

    /// <summary>&amp;nbsp; and friends are HTML, not XML: turn known ones into character references, escape the rest.</summary>
    internal static string RepairEntities(string text) => EntityReference().Replace(text, m =>
    {
        var name = m.Groups[1].Value;
        if (name is "amp" or "lt" or "gt" or "quot" or "apos")
        {
            return m.Value;
        }
        var decoded = WebUtility.HtmlDecode(m.Value);
        if (decoded == m.Value)
        {
            return "&amp;" + name + ";";
        }
        var sb = new StringBuilder();
        foreach (var rune in decoded.EnumerateRunes())
        {
            sb.Append("&#").Append(rune.Value).Append(';');
        }
        return sb.ToString();
    });

    /// <summary>Adds xmlns declarations to the root element for well-known prefixes the feed uses without declaring.</summary>
    internal static string DeclareUndeclaredPrefixes(string text)
    {
        var rootStart = FirstElement().Match(text);
        if (!rootStart.Success)
        {
            return text;
        }
        var insert = new StringBuilder();
        foreach (var (prefix, uri) in WellKnownPrefixes)
        {
            if (text.Contains("<" + prefix + ":", StringComparison.Ordinal) && !text.Contains("xmlns:" + prefix + "=", StringComparison.Ordinal))
            {
                insert.Append(" xmlns:").Append(prefix).Append("=\"").Append(uri).Append('"');
            }
        }
        return insert.Length == 0 ? text : text.Insert(rootStart.Index + rootStart.Length, insert.ToString());
    }

    [GeneratedRegex(@"<!DOCTYPE[^>\[]*\[", RegexOptions.IgnoreCase)]
    private static partial Regex DoctypeWithInternalSubset();

    [GeneratedRegex(@"<!DOCTYPE[^>\[]*>", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalDoctype();

    [GeneratedRegex(@"&([A-Za-z][A-Za-z0-9]{1,31});")]
    private static partial Regex EntityReference();

    [GeneratedRegex(@"<[A-Za-z_][\w.\-]*(:[\w.\-]+)?")]
    private static partial Regex FirstElement();
}

public static class FeedNamespaces
{
    public const string ITunes = "http://www.itunes.com/dtds/podcast-1.0.dtd";
    public const string Podcast = "https://podcastindex.org/namespace/1.0";
    /// <summary>The namespace URI the Podcast Index spec used before 2021; many feeds still declare it.</summary>
    public const string PodcastLegacy = "https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/1.0.md";
    public const string Content = "http://purl.org/rss/1.0/modules/content/";
    public const string GooglePlay = "http://www.google.com/schemas/play-podcasts/1.0";
    public const string Media = "http://search.yahoo.com/mrss/";
    public const string Atom = "http://www.w3.org/2005/Atom";
    public const string Rss10 = "http://purl.org/rss/1.0/";
    public const string DublinCore = "http://purl.org/dc/elements/1.1/";

    public static bool IsPodcast(XNamespace ns) =>
        ns.NamespaceName is Podcast or PodcastLegacy || ns.NamespaceName.StartsWith("https://podcastindex.org/namespace/", StringComparison.Ordinal)
        || ns.NamespaceName.StartsWith("https://github.com/Podcastindex-org/podcast-namespace", StringComparison.Ordinal);

    public static bool IsITunes(XNamespace ns) => ns.NamespaceName.Equals(ITunes, StringComparison.OrdinalIgnoreCase);
}
