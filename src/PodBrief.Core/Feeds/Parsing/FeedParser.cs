using PodBrief.Core.Common.Text;

namespace PodBrief.Core.Feeds.Parsing;

/// <summary>
/// Fetched bytes → <see cref="ParsedFeed"/>. One XML parse (XmlReader into XDocument, DTDs prohibited) feeds our
/// own RSS/Atom reader, so every extension (podcast:transcript under both namespace URIs, podcast:block, funding,
/// chapters) is read in the same pass; JSON Feed is detected by its first character. <see cref="FeedLimits"/> runs
/// first, so a hostile depth never reaches a parser.
/// </summary>
public static class FeedParser
{
    public static ParsedFeed Parse(ReadOnlySpan<byte> bytes, string? httpCharset = null, Uri? baseUri = null, CancellationToken cancellationToken = default)
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
        if (first[0] == '{')
        {
            // System.Text.Json enforces its own depth limit while reading.
            return JsonFeedReader.Read(first.ToString(), baseUri);
        }
        // Depth and size first, in one linear pass, before any XML parser builds a document (issue 11).
        FeedLimits.Check(first, cancellationToken);
        return XmlFeedReader.Read(FeedXml.Load(text), baseUri);
    }
}
