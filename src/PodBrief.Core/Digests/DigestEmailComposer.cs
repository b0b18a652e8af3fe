using System.Globalization;
using System.Text;
using MimeKit;
using MimeKit.Text;
using PodBrief.Core.Common;
using PodBrief.Core.Data;
using PodBrief.Core.Insights;
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
    /// <param name="cards">The batch's <see cref="DigestEmailCardCache"/>, so a card shared by many digests is prepared once; null prepares every card afresh.</param>
    public MimeMessage Compose(DigestEmailContent content, DigestEmailCardCache? cards = null)
    {
        if (content.Cards.Count == 0)
        {
            throw new ArgumentException("A digest email needs at least one card.", nameof(content));
        }
        var view = BuildView(content, cards);
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

    /// <summary>The longest headline the subject carries: the part inbox lists show on a phone.</summary>
    public const int MaxSubjectHeadlineLength = 60;

    /// <summary>
    /// The subject (issue 9 item 8): the best card's headline as a clean label of at most
    /// <see cref="MaxSubjectHeadlineLength"/> characters, cut at a clause or word boundary (never mid-word, never
    /// "…"), then how many more ideas follow. Composing builds it from the cached card parts (<see cref="SubjectLine"/>);
    /// this is the same line from the cards themselves.
    /// </summary>
    internal static string Subject(IReadOnlyList<DigestEmailCard> cards) => SubjectLine(SubjectHeadline(cards[0].Headline), cards.Count);

    private static string SubjectLine(string top, int cards) => cards > 1 ? $"{top} + {cards - 1} more" : top;

    private static readonly string[] ClauseBreaks = [": ", " — ", " – ", " - ", "; ", ", ", " ("];

    internal static string SubjectHeadline(string headline)
    {
        var label = OneLine(headline).TrimEnd('…', '.', ' ', ',', ';', ':', '-', '—');
        if (label.Length <= MaxSubjectHeadlineLength)
        {
            return label;
        }
        var window = label[..(MaxSubjectHeadlineLength + 1)];
        // A clause boundary that keeps at least half the room reads as a label; otherwise the last whole word.
        var clause = ClauseBreaks
            .Select(s => window.LastIndexOf(s, MaxSubjectHeadlineLength, StringComparison.Ordinal))
            .Where(i => i >= MaxSubjectHeadlineLength / 2).DefaultIfEmpty(-1).Max();
        var cut = clause > 0 ? clause : window.LastIndexOf(' ');
        if (cut <= 0)
        {
            cut = MaxSubjectHeadlineLength;
        }
        return label[..cut].TrimEnd('…', '.', ' ', ',', ';', ':', '-', '—', '–', '(');
    }

    /// <summary>"5 ideas from 4 shows, picked for you" (composing uses <see cref="IntroLine"/> on the cached parts).</summary>
    internal static string Intro(IReadOnlyList<DigestEmailCard> cards) => IntroLine([.. cards.Select(c => Show(c.PodcastTitle))]);

    private static string IntroLine(IReadOnlyList<string?> cardShows)
    {
        var shows = cardShows.Select(s => s ?? "").Distinct(StringComparer.OrdinalIgnoreCase).Count();
        var ideas = cardShows.Count == 1 ? "1 idea" : $"{cardShows.Count} ideas";
        var from = shows == 1 ? "1 show" : $"{shows} shows";
        return $"{ideas} from {from}, picked for you";
    }

    /// <summary>"Also discussed in Show B (08:10), Show C (41:02)": other shows first, each once, at most three.</summary>
    public static string? AlsoDiscussedLine(IReadOnlyList<AlsoDiscussed>? others)
    {
        if (others is not { Count: > 0 })
        {
            return null;
        }
        var labels = others.DistinctBy(o => o.PodcastId).Take(3).Select(o => OneLine(o.Label)).ToList();
        return "Also discussed in " + string.Join(", ", labels);
    }

    /// <summary>
    /// The listen link (one builder for email and pages, <see cref="ListenLink"/>): the publisher's episode page
    /// at the quote's second, else our card page whose player starts there.
    /// </summary>
    public string ListenUrl(DigestEmailCard card) =>
        ListenLink.Build(links.Home, card.InsightCardId, card.EpisodeUrl, card.StartSeconds);

    /// <summary>The HTML part both ways (compiled layout, PreMailer per message): for the equivalence test and the benchmark.</summary>
    internal (string Compiled, string PerMessage) RenderHtmlBothWays(DigestEmailContent content)
    {
        var view = BuildView(content, null);
        return (DigestEmailHtml.Render(view), DigestEmailHtml.RenderInliningPerMessage(view));
    }

    /// <summary>One way only (the benchmark times each on its own).</summary>
    internal string RenderHtmlBothWays(DigestEmailContent content, bool perMessage)
    {
        var view = BuildView(content, null);
        return perMessage ? DigestEmailHtml.RenderInliningPerMessage(view) : DigestEmailHtml.Render(view);
    }

    private DigestEmailView BuildView(DigestEmailContent content, DigestEmailCardCache? cache)
    {
        var parts = content.Cards.Select(card => cache?.GetOrAdd(card, Parts) ?? Parts(card)).ToList();
        var cards = content.Cards.Select((card, i) => new DigestEmailCardView(
            Parts: parts[i],
            WhyLine: OneLine(card.WhyLine),
            UpLabel: FeedbackLabels.Button(FeedbackKind.Up),
            UpUrl: links.Feedback(content.ManageToken, card.DigestItemId, FeedbackKind.Up),
            DownLabel: FeedbackLabels.Button(FeedbackKind.Down),
            DownUrl: links.Feedback(content.ManageToken, card.DigestItemId, FeedbackKind.Down),
            LessLabel: FeedbackLabels.Button(FeedbackKind.LessFromShow),
            LessUrl: links.Feedback(content.ManageToken, card.DigestItemId, FeedbackKind.LessFromShow))).ToList();
        var intro = IntroLine([.. parts.Select(p => p.Show)]);
        return new DigestEmailView(
            Subject: SubjectLine(parts[0].SubjectHeadline, parts.Count),
            // Shown after the subject in inbox lists: what is inside, not the first words of the body again.
            Preheader: intro + ": " + string.Join(" · ", parts.Take(3).Select(p => p.Headline)),
            Brand: OneLine(app.OperatorName),
            Intro: intro,
            DateLine: content.LocalDate.ToString("dddd, d MMMM yyyy", CultureInfo.InvariantCulture),
            Cards: cards,
            ViewInBrowserUrl: links.Digest(content.DigestId, content.ManageToken),
            PreferencesUrl: links.Preferences(content.ManageToken),
            UnsubscribeUrl: links.Unsubscribe(content.UnsubscribeToken),
            OperatorName: OneLine(app.OperatorName),
            OperatorPostalAddress: OneLine(app.OperatorPostalAddress));
    }

    /// <summary>Everything of a card's view that does not depend on the digest (see <see cref="DigestEmailCardCache"/>).</summary>
    private DigestEmailCardParts Parts(DigestEmailCard card)
    {
        var show = Show(card.PodcastTitle);
        var body = card.Body.Trim();
        return new DigestEmailCardParts(
            Show: show,
            SubjectHeadline: SubjectHeadline(card.Headline),
            Headline: OneLine(card.Headline),
            Body: body,
            Quote: CardPresentation.QuoteToShow(body, card.Quote) is { } q ? OneLine(q) : null,
            Source: SourceLine(show, card.EpisodeTitle),
            ArtworkUrl: ListenLink.SafeHttpUrl(card.ArtworkUrl),
            ArtworkAlt: show is null ? "Show artwork" : show + " artwork",
            ListenLabel: TimeLabel.PlayGlyph + " " + TimeLabel.ListenFrom(card.StartSeconds),
            ListenUrl: ListenUrl(card),
            AlsoDiscussed: AlsoDiscussedLine(card.AlsoDiscussedIn));
    }

    private static string? Show(string? podcastTitle) => string.IsNullOrWhiteSpace(podcastTitle) ? null : OneLine(podcastTitle);

    private static string SourceLine(string? show, string? episodeTitle)
    {
        var episode = string.IsNullOrWhiteSpace(episodeTitle) ? null : OneLine(episodeTitle);
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

    private static readonly System.Buffers.SearchValues<char> LineBreaksAndTabs = System.Buffers.SearchValues.Create("\r\n\t");

    /// <summary>Line breaks and tabs become single spaces; most values have none and are returned trimmed, unsplit (issue 13).</summary>
    private static string OneLine(string value) =>
        value.AsSpan().IndexOfAny(LineBreaksAndTabs) < 0
            ? value.Trim()
            : string.Join(' ', value.Split((char[])['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim();
}
