using PodBrief.Core.Common.Text;

namespace PodBrief.Core.Feeds.Parsing;

/// <summary>
/// Fetched bytes → <see cref="ParsedFeed"/>. One XML parse (XmlReader into XDocument, DTDs prohibited) feeds our
/// own RSS/Atom reader, so every extension (podcast:transcript under both namespace URIs, podcast:block, funding,
/// chapters) is read in the same pass; JSON Feed is detected by its first character.
/// </summary>
public static class FeedParser
{
    public static ParsedFeed Parse(ReadOnlySpan<byte> bytes, string? httpCharset = null, Uri? baseUri = null)
    {
        if (bytes.IsEmpty)
        {
            throw new FeedParseException("The response body is empty.");
        }
        var text = ByteDecoder.Decode(bytes, httpCharset);
        var first = text.AsSpan().TrimStart();
        if (first.IsEmpty)
        {
            throw new FeedParseException("The response body is blank.");
        }
        return first[0] == '{'
            ? JsonFeedReader.Read(first.ToString(), baseUri)
            : XmlFeedReader.Read(FeedXml.Load(text), baseUri);
    }
}
