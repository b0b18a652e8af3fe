using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PodBrief.Core.Common;
using PodBrief.Core.Data;

namespace PodBrief.Core.Subscribers;

/// <summary>What the preferences form posts; strings so that bad input becomes a message, not a binding error.</summary>
public sealed class PreferencesInput
{
    public List<string> Topics { get; set; } = [];
    public string? Interests { get; set; }
    public string? DeliveryTime { get; set; }
    public string? TimeZone { get; set; }
    public string? Frequency { get; set; }
    public string? WeeklyDay { get; set; }
}

/// <summary>Where a show's feed stands, as a subscriber may see it (never the fetch error itself: it can name addresses).</summary>
public enum ShowFeedState
{
    Ready,
    /// <summary>Added, and the fetch job has not run yet.</summary>
    Checking,
    /// <summary>Fetched, and never read successfully.</summary>
    Unreadable,
}

public sealed record ShowPreference(long PodcastId, string Title, PodcastPreference Preference, ShowFeedState Feed = ShowFeedState.Ready);

public sealed record ShowSearchHit(long PodcastId, string Title, string? Author);

/// <summary>Reads and changes a subscriber's choices: topics, interests, shows, delivery schedule.</summary>
public sealed class PreferencesService(PodBriefDbContext db, TimeProvider clock)
{
    public const int MaxInterestsLength = 1000;

    public async Task<List<long>> TopicIdsAsync(long subscriberId, CancellationToken cancellationToken) =>
        await db.SubscriberTopics.Where(t => t.SubscriberId == subscriberId && !t.IsMuted).Select(t => t.TopicId).ToListAsync(cancellationToken);

    public async Task<List<ShowPreference>> ShowsAsync(long subscriberId, CancellationToken cancellationToken)
    {
        var rows = await (from sp in db.SubscriberPodcasts
                          join p in db.Podcasts on sp.PodcastId equals p.Id
                          where sp.SubscriberId == subscriberId
                          select new { sp.PodcastId, p.Title, p.FeedUrl, sp.Preference, p.LastFetchedAt, p.LastSuccessAt }).ToListAsync(cancellationToken);
        return rows.Select(r => new ShowPreference(r.PodcastId, CatalogTitle.WithoutMarker(r.Title) ?? r.FeedUrl, r.Preference,
                r.LastSuccessAt is not null ? ShowFeedState.Ready : r.LastFetchedAt is null ? ShowFeedState.Checking : ShowFeedState.Unreadable))
            .OrderBy(r => r.Title, StringComparer.OrdinalIgnoreCase).ToList();
    }

    public async Task<List<ShowSearchHit>> SearchShowsAsync(string? query, CancellationToken cancellationToken)
    {
        var q = query?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(q) || q.Length > 100)
        {
            return [];
        }
        // Translated to SQL lower(...) LIKE on both providers; culture overloads would not translate.
#pragma warning disable CA1304, CA1311, CA1862
        var hits = await db.Podcasts
            .Where(p => p.Status == PodcastStatus.Active && p.Title != null && p.Title.ToLower().Contains(q))
            .OrderBy(p => p.Title).Take(10)
            .Select(p => new ShowSearchHit(p.Id, p.Title!, p.Author)).ToListAsync(cancellationToken);
#pragma warning restore CA1304, CA1311, CA1862
        // Rows seeded before the marker was stripped still carry it: never show it to a subscriber.
        return [.. hits.Select(h => h with { Title = CatalogTitle.WithoutMarker(h.Title) ?? h.Title })];
    }

    /// <summary>Validates and saves; returns messages keyed by field name (empty when saved).</summary>
    public async Task<Dictionary<string, string>> SaveAsync(Subscriber subscriber, PreferencesInput input, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        var interests = input.Interests?.Trim();
        if (interests is { Length: > MaxInterestsLength })
        {
            errors["Interests"] = $"Please keep interests under {MaxInterestsLength} characters.";
        }
        var timeZone = string.IsNullOrWhiteSpace(input.TimeZone) ? "UTC" : input.TimeZone.Trim();
        if (timeZone.Length > 64 || !DeliverySchedule.IsValidTimeZone(timeZone))
        {
            errors["TimeZone"] = "Use a time zone name like Europe/Berlin or America/New_York.";
        }
        if (!TimeOnly.TryParseExact(input.DeliveryTime?.Trim(), ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            errors["DeliveryTime"] = "Pick a delivery time like 07:00.";
        }
        if (!TryParseFrequency(input.Frequency, out var frequency))
        {
            errors["Frequency"] = "Pick how often you want the brief.";
        }
        var weeklyDay = subscriber.WeeklyDay;
        if (!string.IsNullOrEmpty(input.WeeklyDay) && (!Enum.TryParse(input.WeeklyDay, ignoreCase: true, out weeklyDay) || !Enum.IsDefined(weeklyDay)))
        {
            errors["WeeklyDay"] = "Pick a day of the week.";
        }
        if (errors.Count > 0)
        {
            return errors;
        }

        var wanted = await db.Topics.Where(t => t.IsActive && input.Topics.Contains(t.Slug)).Select(t => t.Id).ToListAsync(cancellationToken);
        var current = await db.SubscriberTopics.Where(t => t.SubscriberId == subscriber.Id).ToListAsync(cancellationToken);
        db.SubscriberTopics.RemoveRange(current.Where(t => !t.IsMuted && !wanted.Contains(t.TopicId)));
        foreach (var id in wanted)
        {
            var existing = current.FirstOrDefault(t => t.TopicId == id);
            if (existing is null)
            {
                db.SubscriberTopics.Add(new SubscriberTopic { SubscriberId = subscriber.Id, TopicId = id });
            }
            else
            {
                existing.IsMuted = false;
            }
        }
        var interestsValue = string.IsNullOrEmpty(interests) ? null : interests;
        var profileInputsChanged = interestsValue != subscriber.Interests
            || !current.Where(t => !t.IsMuted).Select(t => t.TopicId).Order().SequenceEqual(wanted.Order());
        if (profileInputsChanged)
        {
            // The ranking recomputes a missing profile from topics, interests and feedback.
            subscriber.ProfileEmbedding = null;
            subscriber.ProfileEmbeddingModel = null;
        }
        subscriber.Interests = interestsValue;
        subscriber.TimeZoneId = timeZone;
        subscriber.DeliveryTimeLocal = new TimeOnly(time.Hour, time.Minute);
        subscriber.Frequency = frequency;
        subscriber.WeeklyDay = weeklyDay;
        subscriber.NextSendAt = subscriber.Status == SubscriberStatus.Active
            ? DeliverySchedule.NextSendAt(subscriber, clock.GetUtcNow().UtcDateTime)
            : null;
        await db.SaveChangesAsync(cancellationToken);
        return errors;
    }

    /// <summary>Follow or mute a show; null removes the choice.</summary>
    public async Task SetShowAsync(long subscriberId, long podcastId, PodcastPreference? preference, CancellationToken cancellationToken)
    {
        var row = await db.SubscriberPodcasts.FirstOrDefaultAsync(p => p.SubscriberId == subscriberId && p.PodcastId == podcastId, cancellationToken);
        if (preference is null)
        {
            if (row is not null)
            {
                db.SubscriberPodcasts.Remove(row);
            }
        }
        else if (row is null)
        {
            if (!await db.Podcasts.AnyAsync(p => p.Id == podcastId, cancellationToken))
            {
                return;
            }
            db.SubscriberPodcasts.Add(new SubscriberPodcast { SubscriberId = subscriberId, PodcastId = podcastId, Preference = preference.Value });
        }
        else
        {
            row.Preference = preference.Value;
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Forgets what feedback taught us: the learned profile and "less from this show" marks go, the feedback rows
    /// lose their link to the person (they stay as anonymous counts). Explicit choices (topics, shows, interests) stay.
    /// </summary>
    public async Task ResetPersonalizationAsync(Subscriber subscriber, CancellationToken cancellationToken)
    {
        await db.Feedback.Where(f => f.SubscriberId == subscriber.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(f => f.SubscriberId, (long?)null), cancellationToken);
        await db.SubscriberPodcasts.Where(p => p.SubscriberId == subscriber.Id && p.Preference == PodcastPreference.Less)
            .ExecuteDeleteAsync(cancellationToken);
        subscriber.ProfileEmbedding = null;
        subscriber.ProfileEmbeddingModel = null;
        subscriber.ProfileUpdatedAt = null;
        await db.SaveChangesAsync(cancellationToken);
    }

    public static bool TryParseFrequency(string? value, out DeliveryFrequency frequency) =>
        Enum.TryParse(value?.Trim(), ignoreCase: true, out frequency) && Enum.IsDefined(frequency);

    public static string FrequencySlug(DeliveryFrequency frequency) => frequency.ToString().ToLowerInvariant();
}
