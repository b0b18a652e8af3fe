using System.Globalization;

namespace PodBrief.Core.Common;

/// <summary>
/// The one builder of "listen from here" links (issue 14 item 2, issue 10 item 15). When the publisher has an
/// episode page, it gets the time as a Media Fragments start (#t=754, W3C Media Fragments URI 1.0); otherwise the
/// link goes to our own card page, /i/{id}?t=754, whose player starts there. The audio file itself is never the
/// target: a bare enclosure opens a download on many phones.
/// </summary>
public static class ListenLink
{
    /// <param name="publicBaseUrl">Absolute for email ("https://brief.example"), empty for links inside our pages.</param>
    public static string Build(string publicBaseUrl, long cardId, string? episodePageUrl, double? startSeconds)
    {
        var seconds = TimeLabel.WholeSeconds(startSeconds);
        if (SafeHttpUrl(episodePageUrl) is { } page)
        {
            var uri = new Uri(page);
            var withoutFragment = uri.GetComponents(UriComponents.AbsoluteUri & ~UriComponents.Fragment, UriFormat.UriEscaped);
            return seconds is { } t ? withoutFragment + "#t=" + t.ToString(CultureInfo.InvariantCulture) : withoutFragment;
        }
        return Insight(publicBaseUrl, cardId, seconds);
    }

    /// <summary>Our card page, with ?t= when the player should start somewhere.</summary>
    public static string Insight(string publicBaseUrl, long cardId, long? startSeconds)
    {
        var url = publicBaseUrl.TrimEnd('/') + "/i/" + cardId.ToString(CultureInfo.InvariantCulture);
        return startSeconds is { } t ? url + "?t=" + t.ToString(CultureInfo.InvariantCulture) : url;
    }

    /// <summary>The URL when it is absolute http(s); null for javascript:, data:, relative or malformed text from a feed.</summary>
    public static string? SafeHttpUrl(string? url) =>
        Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri.AbsoluteUri
            : null;
}
