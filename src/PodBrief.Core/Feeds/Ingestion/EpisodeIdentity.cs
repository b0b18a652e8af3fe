using PodBrief.Core.Common;
using PodBrief.Core.Feeds.Parsing;

namespace PodBrief.Core.Feeds.Ingestion;

/// <summary>Which item is which across polls: guid, else enclosure URL, else link, else a hash of title + date + notes.</summary>
public static class EpisodeIdentity
{
    public static string KeyOf(ParsedEpisode episode)
    {
        var key = episode.Guid ?? episode.EnclosureUrl ?? episode.Link;
        if (!string.IsNullOrEmpty(key))
        {
            return key.Length <= 2048 ? key : "sha256:" + Hashing.Sha256Hex(key);
        }
        // Items without any identifier (RSS 0.92 allows it): what they say is all there is to tell them apart.
        return "sha256:" + Hashing.Sha256Hex($"{episode.Title}\n{episode.PublishedAt:O}\n{episode.ShowNotes}");
    }
}
