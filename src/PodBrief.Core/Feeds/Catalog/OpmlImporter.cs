using System.Xml;
using PodBrief.Core.Data;

namespace PodBrief.Core.Feeds.Catalog;

public sealed record OpmlImportResult(int Added, int AlreadyKnown, IReadOnlyList<string> Rejected);

/// <summary>Reads the feed URLs of an OPML file (any nesting) and adds each one unfetched; the poller fetches them.</summary>
public sealed class OpmlImporter(PodcastCatalog catalog)
{
    private static readonly XmlReaderSettings Settings = new() { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true };

    public async Task<OpmlImportResult> ImportAsync(Stream opml, CancellationToken ct)
    {
        var outlines = new List<(string Url, string? Title)>();
        try
        {
            using var reader = XmlReader.Create(opml, Settings);
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "outline" && reader.GetAttribute("xmlUrl") is { } url)
                {
                    outlines.Add((url, reader.GetAttribute("title") ?? reader.GetAttribute("text")));
                }
            }
        }
        catch (XmlException ex)
        {
            throw new FormatException($"Not a readable OPML file: {ex.Message}", ex);
        }
        int added = 0, known = 0;
        var rejected = new List<string>();
        foreach (var (url, title) in outlines.DistinctBy(o => o.Url))
        {
            var (podcast, isNew) = await catalog.AddUnfetchedAsync(url, title, PodcastSource.OpmlImport, ct);
            if (podcast is null)
            {
                rejected.Add(url);
            }
            else if (isNew)
            {
                added++;
            }
            else
            {
                known++;
            }
        }
        return new OpmlImportResult(added, known, rejected);
    }
}
