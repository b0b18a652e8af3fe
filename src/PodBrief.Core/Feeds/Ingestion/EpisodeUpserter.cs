using Microsoft.EntityFrameworkCore;
using PodBrief.Core.Common;
using PodBrief.Core.Data;
using PodBrief.Core.Feeds.Parsing;

namespace PodBrief.Core.Feeds.Ingestion;

/// <summary>
/// Writes a parsed feed onto its podcast: metadata, new episodes (transcript stage Pending), changed fields of known
/// episodes, and their transcript links. Re-running it on the same feed changes nothing. Known episodes change
/// through the change tracker; new ones are only collected, for <see cref="InsertNewAsync"/> to write in multi-row
/// INSERTs (issue 13: a first ingest of 1,000 items was 26.6× FeedReader's parse with one INSERT per row).
/// </summary>
public static class EpisodeUpserter
{
    /// <returns>The new episodes, not yet written: pass them to <see cref="InsertNewAsync"/> before SaveChanges.</returns>
    public static async Task<List<Episode>> UpsertAsync(PodBriefDbContext db, Podcast podcast, ParsedFeed feed, DateTime now, CancellationToken ct)
    {
        podcast.Title = feed.Title ?? podcast.Title;
        podcast.Description = feed.Description ?? podcast.Description;
        podcast.Author = feed.Author ?? podcast.Author;
        podcast.SiteUrl = feed.SiteUrl ?? podcast.SiteUrl;
        podcast.ImageUrl = feed.ImageUrl ?? podcast.ImageUrl;
        podcast.Language = feed.Language ?? podcast.Language;
        podcast.FundingUrl = feed.FundingUrl ?? podcast.FundingUrl;
        podcast.FundingText = feed.FundingText ?? podcast.FundingText;

        var existing = await db.Episodes.Where(e => e.PodcastId == podcast.Id).Include(e => e.TranscriptLinks).ToListAsync(ct);
        var byKey = existing.ToDictionary(e => e.IdentityKey, StringComparer.Ordinal);
        var byEnclosure = existing.Where(e => e.EnclosureUrl is not null).GroupBy(e => e.EnclosureUrl!).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var keysInFeed = feed.Episodes.Select(EpisodeIdentity.KeyOf).ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var claimed = new HashSet<Episode>();
        var added = new List<Episode>();

        foreach (var parsed in feed.Episodes)
        {
            var key = EpisodeIdentity.KeyOf(parsed);
            if (!seen.Add(key))
            {
                continue; // the same item twice in one feed
            }
            if (!byKey.TryGetValue(key, out var episode)
                && parsed.EnclosureUrl is not null
                && byEnclosure.TryGetValue(parsed.EnclosureUrl, out var sameAudio)
                && !keysInFeed.Contains(sameAudio.IdentityKey)
                && !claimed.Contains(sameAudio))
            {
                // The guid changed but the audio did not (a host migration re-keys every item): same episode.
                episode = sameAudio;
                byKey.Remove(episode.IdentityKey);
                episode.IdentityKey = key;
                byKey[key] = episode;
            }
            if (episode is null)
            {
                episode = new Episode
                {
                    IdentityKey = key,
                    PodcastId = podcast.Id,
                    FirstSeenAt = now,
                    PublishedAt = parsed.PublishedAt ?? now,
                    PublishedAtEstimated = parsed.PublishedAt is null,
                    TranscriptStatus = TranscriptStatus.Pending,
                    TranscriptNextAttemptAt = now,
                };
                byKey[key] = episode;
                added.Add(episode);
            }
            claimed.Add(episode);
            Apply(episode, parsed, podcast, now);
        }
        return added;
    }

    /// <summary>
    /// Inserts new episodes and their transcript links without the change tracker, in a few statements; each
    /// episode's id comes back through RETURNING, matched by its identity key (unique within the podcast). Run it
    /// in the same transaction as the SaveChanges that updates the podcast, so a failed poll leaves no half.
    /// </summary>
    public static async Task InsertNewAsync(PodBriefDbContext db, IReadOnlyList<Episode> episodes, CancellationToken ct)
    {
        if (episodes.Count == 0)
        {
            return;
        }
        var episodeRows = new EntityRowValues<Episode>(db);
        var ids = await RowValuesInsert.InsertReturningIdsAsync(db, episodeRows.Table, episodeRows.Columns,
            episodeRows.Rows(episodes), nameof(Episode.IdentityKey), ct);
        var links = new List<TranscriptLink>();
        foreach (var episode in episodes)
        {
            episode.Id = ids[episode.IdentityKey];
            foreach (var link in episode.TranscriptLinks)
            {
                link.EpisodeId = episode.Id;
                links.Add(link);
            }
        }
        var linkRows = new EntityRowValues<TranscriptLink>(db);
        await RowValuesInsert.InsertAsync(db, linkRows.Table, linkRows.Columns, linkRows.Rows(links), ct);
    }

    private static void Apply(Episode episode, ParsedEpisode parsed, Podcast podcast, DateTime now)
    {
        var before = (episode.Title, episode.ShowNotes, episode.EnclosureUrl, episode.DurationSeconds, episode.Guid);
        episode.Guid = parsed.Guid;
        episode.Title = parsed.Title ?? episode.Title;
        if (parsed.PublishedAt is { } published)
        {
            episode.PublishedAt = published;
            episode.PublishedAtEstimated = false;
        }
        episode.DurationSeconds = parsed.DurationSeconds ?? episode.DurationSeconds;
        episode.EnclosureUrl = parsed.EnclosureUrl ?? episode.EnclosureUrl;
        episode.EnclosureType = parsed.EnclosureType ?? episode.EnclosureType;
        episode.EnclosureLength = parsed.EnclosureLength ?? episode.EnclosureLength;
        episode.Link = parsed.Link ?? episode.Link;
        episode.ImageUrl = parsed.ImageUrl ?? episode.ImageUrl;
        episode.ShowNotes = parsed.ShowNotes ?? episode.ShowNotes;
        episode.SeasonNumber = parsed.SeasonNumber ?? episode.SeasonNumber;
        episode.EpisodeNumber = parsed.EpisodeNumber ?? episode.EpisodeNumber;
        if (parsed.ChaptersUrl is not null && parsed.ChaptersUrl != episode.ChaptersUrl)
        {
            // A new chapters file: fetch it again on the next transcript run.
            episode.ChaptersUrl = parsed.ChaptersUrl;
            episode.ChaptersFetchedAt = null;
        }
        episode.ChaptersType = parsed.ChaptersType ?? episode.ChaptersType;
        episode.FundingUrl = parsed.FundingUrl ?? episode.FundingUrl;
        episode.Language = parsed.Language ?? podcast.Language ?? episode.Language;
        var linksChanged = SyncTranscriptLinks(episode, parsed);
        if (linksChanged && episode.Id != 0 && episode.TranscriptStatus is TranscriptStatus.Unavailable
            && episode.TranscriptProvenance != TranscriptProvenance.Publisher)
        {
            // The publisher added a transcript after we gave up: try again.
            episode.TranscriptStatus = TranscriptStatus.Pending;
            episode.TranscriptNextAttemptAt = now;
        }
        if (episode.Id == 0 || linksChanged || before != (episode.Title, episode.ShowNotes, episode.EnclosureUrl, episode.DurationSeconds, episode.Guid))
        {
            episode.UpdatedAt = now;
        }
    }

    private static bool SyncTranscriptLinks(Episode episode, ParsedEpisode parsed)
    {
        var wanted = parsed.Transcripts.DistinctBy(t => t.Url).ToList();
        var same = wanted.Count == episode.TranscriptLinks.Count
            && wanted.All(w => episode.TranscriptLinks.Any(l => l.Url == w.Url && l.MediaType == w.MediaType && l.Language == w.Language && l.Rel == w.Rel));
        if (same)
        {
            return false;
        }
        episode.TranscriptLinks.Clear();
        foreach (var link in wanted)
        {
            episode.TranscriptLinks.Add(new TranscriptLink
            {
                Url = link.Url,
                MediaType = link.MediaType,
                Language = link.Language,
                Rel = link.Rel,
            });
        }
        return true;
    }
}
