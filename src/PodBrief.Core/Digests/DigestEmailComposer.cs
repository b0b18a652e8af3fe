using System.Globalization;
using System.Text;
using MimeKit;
using MimeKit.Text;
using PodBrief.Core.Common;
using PodBrief.Core.Data;
using PodBrief.Core.Mail;
using PodBrief.Core.Subscribers;

namespace PodBrief.Core.Digests;

/// <summary>
/// Turns a loaded digest into the email: multipart/alternative (plain text + responsive HTML with inlined CSS),
/// List-Unsubscribe + List-Unsubscribe-Post (RFC 2369 / RFC 8058), List-Id (RFC 2919), the digest's stored
/// Message-ID, and DKIM when configured. Pure: no database, so it can be benchmarked and previewed.
/// </summary>
public sealed class DigestEmailComposer(
    AppOptions app,
    SmtpOptions smtp,
    SubscriberLinks links,
    DkimMessageSigner dkim,
    TimeProvider clock)
{
    public const int MaxSubjectLength = 120;

    public MimeMessage Compose(DigestEmailContent content)
    {
        if (content.Cards.Count == 0)
        {
            throw new ArgumentException("A digest email needs at least one card.", nameof(content));
        }
        var view = BuildView(content);
        var message = new MimeMessage();
        message.From.Add(smtp.From);
        message.To.Add(new MailboxAddress("", content.RecipientEmail));
        message.Subject = view.Subject;
        message.MessageId = content.MessageId.Trim().Trim('<', '>');
        message.Date = clock.GetUtcNow();
        message.Headers.Add(HeaderId.ListId, ListIdHeader());
        message.Headers.Add(HeaderId.ListUnsubscribe, ListUnsubscribeHeader(view.UnsubscribeUrl, content.UnsubscribeToken));
        // RFC 8058: a POST to the https List-Unsubscribe URL with this body unsubscribes, no page in between.
        message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        message.Headers.Add("Auto-Submitted", "auto-generated");

        var text = new TextPart(TextFormat.Plain) { ContentTransferEncoding = ContentEncoding.QuotedPrintable };
        text.SetText(Encoding.UTF8, DigestEmailText.Render(view));
        var html = new TextPart(TextFormat.Html) { ContentTransferEncoding = ContentEncoding.QuotedPrintable };
        html.SetText(Encoding.UTF8, DigestEmailHtml.Render(view));
        message.Body = new MultipartAlternative { text, html };

        dkim.Sign(message);
        return message;
    }

    /// <summary>The subject: the top card's headline, plus how many more follow.</summary>
    public static string Subject(IReadOnlyList<DigestEmailCard> cards)
    {
        var top = OneLine(cards[0].Headline);
        var suffix = cards.Count > 1 ? $" (+{cards.Count - 1} more)" : "";
        var room = MaxSubjectLength - suffix.Length;
        if (top.Length > room)
        {
            top = top[..(room - 1)].TrimEnd() + "…";
        }
        return top + suffix;
    }

    /// <summary>12:34 under an hour, 1:02:03 above.</summary>
    public static string FormatTimestamp(double seconds)
    {
        var t = TimeSpan.FromSeconds(Math.Max(0, Math.Floor(seconds)));
        return t.TotalHours >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalHours}:{t.Minutes:00}:{t.Seconds:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{t.Minutes}:{t.Seconds:00}");
    }

    /// <summary>
    /// The episode link, with a Media Fragments start time (#t=seconds) when the card has one. Only absolute http(s)
    /// URLs from a feed are used; anything else (javascript:, relative, data:) falls back to the card's own page.
    /// </summary>
    public string ListenUrl(DigestEmailCard card)
    {
        if (card.EpisodeUrl is null || !Uri.TryCreate(card.EpisodeUrl, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return links.Insight(card.InsightCardId);
        }
        var withoutFragment = uri.GetComponents(UriComponents.AbsoluteUri & ~UriComponents.Fragment, UriFormat.UriEscaped);
        return card.StartSeconds is { } start
            ? withoutFragment + "#t=" + ((long)Math.Floor(Math.Max(0, start))).ToString(CultureInfo.InvariantCulture)
            : withoutFragment;
    }

    private DigestEmailView BuildView(DigestEmailContent content)
    {
        var cards = content.Cards.Select(card => new DigestEmailCardView(
            Headline: OneLine(card.Headline),
            Body: card.Body.Trim(),
            Source: SourceLine(card),
            ListenLabel: card.StartSeconds is { } s ? "▶ Listen from " + FormatTimestamp(s) : "▶ Listen to the episode",
            ListenUrl: ListenUrl(card),
            WhyLine: OneLine(card.WhyLine),
            UpUrl: links.Feedback(content.ManageToken, card.DigestItemId, FeedbackKind.Up),
            DownUrl: links.Feedback(content.ManageToken, card.DigestItemId, FeedbackKind.Down),
            LessUrl: links.Feedback(content.ManageToken, card.DigestItemId, FeedbackKind.LessFromShow))).ToList();
        return new DigestEmailView(
            Subject: Subject(content.Cards),
            Heading: "Your PodBrief for " + content.LocalDate.ToString("dddd, d MMMM yyyy", CultureInfo.InvariantCulture),
            Cards: cards,
            ViewInBrowserUrl: links.Digest(content.DigestId, content.ManageToken),
            PreferencesUrl: links.Preferences(content.ManageToken),
            UnsubscribeUrl: links.Unsubscribe(content.UnsubscribeToken),
            OperatorName: app.OperatorName,
            OperatorPostalAddress: app.OperatorPostalAddress);
    }

    private static string SourceLine(DigestEmailCard card)
    {
        var show = string.IsNullOrWhiteSpace(card.PodcastTitle) ? null : OneLine(card.PodcastTitle);
        var episode = string.IsNullOrWhiteSpace(card.EpisodeTitle) ? null : OneLine(card.EpisodeTitle);
        return (show, episode) switch
        {
            (not null, not null) => $"{show} — {episode}",
            (not null, null) => show,
            (null, not null) => episode,
            _ => "",
        };
    }

    private string ListIdHeader()
    {
        // RFC 2919: an optional phrase, then the id in angle brackets. The phrase is quoted; drop it if it cannot be.
        var name = app.OperatorName.Replace("\\", "", StringComparison.Ordinal).Replace("\"", "", StringComparison.Ordinal);
        return name.All(c => c is >= ' ' and <= '~') && name.Length > 0
            ? $"\"{name} digest\" <{smtp.ListId}>"
            : $"<{smtp.ListId}>";
    }

    private string ListUnsubscribeHeader(string unsubscribeUrl, string unsubscribeToken)
    {
        var value = $"<{unsubscribeUrl}>";
        if (!string.IsNullOrWhiteSpace(smtp.UnsubscribeMailto))
        {
            value += $", <mailto:{smtp.UnsubscribeMailto.Trim()}?subject=unsubscribe%20{Uri.EscapeDataString(unsubscribeToken)}>";
        }
        return value;
    }

    private static string OneLine(string value) =>
        string.Join(' ', value.Split((char[])['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim();
}

/// <summary>What the templates print: plain strings (encoded by each template) and absolute URLs.</summary>
internal sealed record DigestEmailView(
    string Subject,
    string Heading,
    IReadOnlyList<DigestEmailCardView> Cards,
    string ViewInBrowserUrl,
    string PreferencesUrl,
    string UnsubscribeUrl,
    string OperatorName,
    string OperatorPostalAddress);

internal sealed record DigestEmailCardView(
    string Headline,
    string Body,
    string Source,
    string ListenLabel,
    string ListenUrl,
    string WhyLine,
    string UpUrl,
    string DownUrl,
    string LessUrl);
