using PodBrief.Core.Common;
using PodBrief.Core.Data;

namespace PodBrief.Core.Subscribers;

/// <summary>
/// The absolute URLs the emails link to; the pages at these routes live in PodBrief.Web. One place, so the
/// mail composer and the pages never disagree. Every GET shows a page; state changes only by POST.
/// </summary>
public sealed class SubscriberLinks(AppOptions app)
{
    private string Base => app.PublicBaseUrl.TrimEnd('/');

    public string Home => Base + "/";

    /// <summary>Double opt-in confirmation page (button that POSTs).</summary>
    public string Confirm(string token) => $"{Base}/confirm/{token}";

    /// <summary>Preferences, reached by a magic link (Manage token).</summary>
    public string Preferences(string manageToken) => $"{Base}/preferences/{manageToken}";

    /// <summary>RFC 8058 one-click target (POST) and the page with a button (GET).</summary>
    public string Unsubscribe(string unsubscribeToken) => $"{Base}/unsubscribe/{unsubscribeToken}";

    /// <summary>The web view of one digest.</summary>
    public string Digest(long digestId, string manageToken) => $"{Base}/digest/{digestId}/{manageToken}";

    /// <summary>The subscriber's archive of past digests.</summary>
    public string Archive(string manageToken) => $"{Base}/archive/{manageToken}";

    /// <summary>Feedback page for one digest item; it records the feedback by POST.</summary>
    public string Feedback(string manageToken, long digestItemId, FeedbackKind kind) =>
        $"{Base}/feedback/{manageToken}/{digestItemId}/{FeedbackSlug(kind)}";

    public string Insight(long cardId) => $"{Base}/i/{cardId}";

    /// <summary>The private feeds (secret token, valid until revoked): RSS 2.0 and JSON Feed 1.1.</summary>
    public string PrivateFeedRss(string feedToken) => $"{Base}/feed/{feedToken}/rss.xml";

    public string PrivateFeedJson(string feedToken) => $"{Base}/feed/{feedToken}/feed.json";

    public static string FeedbackSlug(FeedbackKind kind) => kind switch
    {
        FeedbackKind.Up => "up",
        FeedbackKind.Down => "down",
        _ => "less",
    };

    public static FeedbackKind? ParseFeedbackSlug(string? slug) => slug switch
    {
        "up" => FeedbackKind.Up,
        "down" => FeedbackKind.Down,
        "less" => FeedbackKind.LessFromShow,
        _ => null,
    };
}
