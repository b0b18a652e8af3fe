using System.Text.Json;

namespace PodBrief.Core.Transcripts.Samples;

/// <summary>The sample show's manifest (SampleContent/sample-show.json): the show, and per episode its transcript file.</summary>
public sealed record SampleShowManifest(string Title, string? Description, string? Author, string? Language, IReadOnlyList<SampleEpisode> Episodes)
{
    /// <summary>Feed URL of the sample show: unique, and not http(s), so nothing ever tries to fetch it.</summary>
    public const string FeedUrl = "urn:podbrief:sample-show";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <exception cref="FormatException">The manifest is not valid JSON or lacks a title or episodes.</exception>
    public static async Task<SampleShowManifest> LoadAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        SampleShowManifest? manifest;
        try
        {
            manifest = await JsonSerializer.DeserializeAsync<SampleShowManifest>(stream, JsonOptions, cancellationToken);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"{path}: {ex.Message}", ex);
        }
        if (manifest is null || string.IsNullOrWhiteSpace(manifest.Title) || manifest.Episodes is not { Count: > 0 })
        {
            throw new FormatException($"{path}: a sample show needs a title and at least one episode.");
        }
        return manifest;
    }
}

/// <summary>One sample episode: a stable key, a title, its transcript file (beside the manifest) and how long ago it
/// was "published" when loaded, so it falls inside the extraction and ranking windows of a fresh install.</summary>
public sealed record SampleEpisode(string Key, string Title, string Transcript, double HoursAgo, string? ShowNotes);
