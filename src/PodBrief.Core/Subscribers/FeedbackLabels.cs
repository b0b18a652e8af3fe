using PodBrief.Core.Data;

namespace PodBrief.Core.Subscribers;

/// <summary>
/// The words on the feedback buttons, one set for the email, its web view and the feedback page (issue 14: the
/// email said "More like this" where the web said "Useful"). The glyphs are geometric shapes every system font
/// has, not emoji, so a machine without an emoji font still draws them.
/// </summary>
public static class FeedbackLabels
{
    public static string Button(FeedbackKind kind) => kind switch
    {
        FeedbackKind.Up => "\u25B2 More like this",
        FeedbackKind.Down => "\u25BC Less like this",
        _ => "Less from this show",
    };

    /// <summary>What the feedback page confirms once the choice is recorded.</summary>
    public static string Recorded(FeedbackKind kind, string? showTitle) => kind switch
    {
        FeedbackKind.Up => "\u25B2 More like this",
        FeedbackKind.Down => "\u25BC Less like this",
        _ => "Less from " + (string.IsNullOrWhiteSpace(showTitle) ? "this show" : showTitle),
    };

    public static readonly IReadOnlyList<FeedbackKind> InButtonOrder = [FeedbackKind.Up, FeedbackKind.Down, FeedbackKind.LessFromShow];
}
