namespace PodBrief.Core.Common;

/// <summary>
/// The starter catalogue marks transcript-publishing feeds with a trailing "*" for the operator (issue 14 item 3:
/// subscribers never see that marker).
/// </summary>
public static class CatalogTitle
{
    /// <summary>"Buzzcast *" → "Buzzcast"; null when nothing is left.</summary>
    public static string? WithoutMarker(string? title) => title?.TrimEnd().TrimEnd('*').TrimEnd() is { Length: > 0 } t ? t : null;
}
