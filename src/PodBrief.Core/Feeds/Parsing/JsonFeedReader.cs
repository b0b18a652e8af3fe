using System.Text.Json;

namespace PodBrief.Core.Feeds.Parsing;

/// <summary>JSON Feed 1.0/1.1 (https://jsonfeed.org/version/1.1): episodes are items with an audio attachment.</summary>
internal static class JsonFeedReader
{
    public static ParsedFeed Read(string text, Uri? baseUri)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 32, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new FeedParseException($"The JSON feed is not valid JSON: {ex.Message}", ex);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || Str(root, "version")?.Contains("jsonfeed.org", StringComparison.Ordinal) != true)
            {
                throw new FeedParseException("JSON, but not a JSON Feed (no \"version\": \"https://jsonfeed.org/…\").");
            }
            var feed = new ParsedFeed
            {
                Format = "JSON Feed",
                Title = FeedValues.Clean(Str(root, "title")),
                Description = FeedValues.HtmlToText(Str(root, "description")),
                Author = FeedValues.Clean(root.TryGetProperty("author", out var a) ? Str(a, "name") : null),
                SiteUrl = FeedValues.Url(Str(root, "home_page_url"), baseUri),
                ImageUrl = FeedValues.Url(Str(root, "icon") ?? Str(root, "favicon"), baseUri),
                Language = FeedValues.Clean(Str(root, "language"), 32),
            };
            if (root.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in items.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Object))
                {
                    feed.Episodes.Add(ReadItem(item, baseUri));
                }
            }
            return feed;
        }
    }

    private static ParsedEpisode ReadItem(JsonElement item, Uri? baseUri)
    {
        var dateText = Str(item, "date_published") ?? Str(item, "date_modified");
        var published = FeedDates.Parse(dateText);
        var episode = new ParsedEpisode
        {
            Guid = FeedValues.Clean(Str(item, "id"), 2048),
            Title = FeedValues.Clean(Str(item, "title")),
            PublishedAt = published,
            HadUnparseableDate = published is null && dateText is not null,
            Link = FeedValues.Url(Str(item, "url"), baseUri),
            ImageUrl = FeedValues.Url(Str(item, "image"), baseUri),
            ShowNotes = FeedValues.HtmlToText(Str(item, "content_html")) ?? FeedValues.Clean(Str(item, "content_text") ?? Str(item, "summary"), 100_000),
        };
        if (item.TryGetProperty("attachments", out var attachments) && attachments.ValueKind == JsonValueKind.Array)
        {
            var audio = attachments.EnumerateArray().FirstOrDefault(x => Str(x, "mime_type")?.StartsWith("audio/", StringComparison.Ordinal) == true);
            var chosen = audio.ValueKind == JsonValueKind.Object ? audio : attachments.EnumerateArray().FirstOrDefault();
            if (chosen.ValueKind == JsonValueKind.Object)
            {
                episode.EnclosureUrl = FeedValues.Url(Str(chosen, "url"), baseUri);
                episode.EnclosureType = FeedValues.Clean(Str(chosen, "mime_type"), 128);
                episode.EnclosureLength = chosen.TryGetProperty("size_in_bytes", out var size) && size.TryGetInt64(out var n) && n > 0 ? n : null;
                episode.DurationSeconds = chosen.TryGetProperty("duration_in_seconds", out var d) && d.TryGetDouble(out var secs) && secs > 0 ? (int)Math.Round(secs) : null;
            }
        }
        return episode;
    }

    private static string? Str(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
