namespace PodBrief.Testing.Insights;

/// <summary>
/// Hand-written card pairs for tuning and testing cross-show dedupe: the same claim worded by two shows
/// (should cluster) and two claims on the same subject that say different things (should not).
/// </summary>
public static class DedupePairs
{
    public static IReadOnlyList<(string A, string B)> SameClaim { get; } =
    [
        ("Large AI models are vulnerable to distillation attacks: a smaller model can be trained cheaply by querying the larger one.",
         "Distillation attacks let anyone train a small model cheaply by querying a big AI model, which makes large models vulnerable."),
        ("Spotify's podcast hosting grew 13% in January, the second highest share of new episodes.",
         "New episodes hosted on Spotify for Podcasts grew 13 percent in January, giving it the second biggest share."),
        ("Poor audio quality makes listeners leave a podcast no matter how good the content is.",
         "No matter how good your content is, listeners abandon a podcast when the audio quality is bad."),
        ("Inflation stays high when wages rise faster than productivity, so central banks keep interest rates up.",
         "Central banks keep interest rates high because wages growing faster than productivity keeps inflation up."),
        ("Sleeping less than six hours a night raises the risk of heart disease.",
         "People who sleep under six hours per night have a higher risk of heart disease."),
    ];

    /// <summary>A rewording that all-MiniLM-L6-v2 scores only 0.74: below the threshold, so these stay two cards
    /// (dedupe errs towards showing a near-repeat rather than hiding a different claim).</summary>
    public static (string A, string B) Borderline { get; } =
        ("Uploading a static image with your audio tells YouTube your content is low quality, so it recommends it less.",
         "YouTube treats a podcast uploaded as audio over a still picture as low-quality content and recommends it less.");

    public static IReadOnlyList<(string A, string B)> DifferentClaims { get; } =
    [
        ("Large AI models are vulnerable to distillation attacks: a smaller model can be trained cheaply by querying the larger one.",
         "Open-source AI models are catching up with closed models on coding benchmarks."),
        ("Spotify's podcast hosting grew 13% in January, the second highest share of new episodes.",
         "Spotify lost another exclusive podcast show to a rival platform this quarter."),
        ("Poor audio quality makes listeners leave a podcast no matter how good the content is.",
         "Short podcast episodes of ten minutes or less can be just as successful as three-hour shows."),
        ("Inflation stays high when wages rise faster than productivity, so central banks keep interest rates up.",
         "Higher interest rates make mortgages more expensive for first-time home buyers."),
        ("Sleeping less than six hours a night raises the risk of heart disease.",
         "Regular exercise lowers blood pressure within a few weeks."),
    ];
}
