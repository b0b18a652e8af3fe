using PodBrief.Core.Common.Text;

namespace PodBrief.Core.Feeds.Parsing;

/// <summary>
/// Fetched bytes → <see cref="ParsedFeed"/>: bytes decoded by <see cref="ByteDecoder"/> (BOM, HTTP charset, declaration,
/// Latin-1 sniffing); JSON Feed, detected by its first character, read by our own reader; RSS and Atom first through
/// <see cref="FeedLimits"/> (one linear pass: size and depth, so a hostile depth never reaches a parser), then
/// <see cref="FeedXml"/> (DTDs refused, repairs only after a failed strict load), then CodeHollow.FeedReader's format
/// readers with our extensions on top (<see cref="XmlFeedReader"/>).
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
        return XmlFeedReader.Read(FeedXml.Load(text), text, baseUri);
    }
}
