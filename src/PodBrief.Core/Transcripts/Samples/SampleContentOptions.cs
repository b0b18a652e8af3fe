namespace PodBrief.Core.Transcripts.Samples;

/// <summary>
/// The sample show's settings. The keys live in section "Feeds" (Feeds:LoadSampleContent, Feeds:SampleContentPath),
/// where they were documented; the class lives with the seeder so Transcripts does not depend on Feeds.
/// </summary>
public sealed class SampleContentOptions
{
    public const string Section = "Feeds";

    /// <summary>
    /// Load the sample show (episodes with timed transcripts that ship with the app) into an empty catalog, so a
    /// fresh install shows real cards without any network. Unset: on for SQLite outside Production.
    /// </summary>
    public bool? LoadSampleContent { get; set; }

    /// <summary>Manifest of the sample show; relative paths resolve against the app's base directory.</summary>
    public string SampleContentPath { get; set; } = "SampleContent/sample-show.json";
}
