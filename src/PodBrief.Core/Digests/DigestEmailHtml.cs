using System.Net;
using System.Text;

namespace PodBrief.Core.Digests;

/// <summary>
/// The HTML part: table layout 600px wide that shrinks to the screen (Gmail/Outlook widths), system fonts only,
/// no scripts or remote resources. Every string from a feed or a model is HTML-encoded here; CSS is then inlined
/// with PreMailer.Net because several clients ignore &lt;style&gt; (media queries stay in a &lt;style&gt; block).
/// </summary>
internal static class DigestEmailHtml
{
    private const string Css = """
        body { margin: 0; padding: 0; background-color: #f4f4f5; }
        .wrapper { width: 100%; background-color: #f4f4f5; }
        .container { width: 100%; max-width: 600px; background-color: #ffffff; border-radius: 8px; }
        .text { font-family: -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif; color: #18181b; }
        .heading { font-size: 20px; line-height: 28px; font-weight: bold; padding: 24px 24px 8px 24px; }
        .card { padding: 16px 24px 20px 24px; border-top: 1px solid #e4e4e7; }
        .headline { font-size: 18px; line-height: 24px; font-weight: bold; margin: 0 0 8px 0; color: #18181b; }
        .insight { font-size: 16px; line-height: 24px; margin: 0 0 10px 0; color: #27272a; }
        .source { font-size: 13px; line-height: 18px; margin: 0 0 6px 0; color: #52525b; }
        .listen { color: #1d4ed8; font-weight: bold; text-decoration: none; }
        .why { font-size: 13px; line-height: 18px; margin: 6px 0 10px 0; color: #71717a; font-style: italic; }
        .feedback { font-size: 14px; line-height: 20px; margin: 0; }
        .button { display: inline-block; padding: 6px 10px; margin: 0 6px 6px 0; border: 1px solid #d4d4d8; border-radius: 6px; color: #27272a; text-decoration: none; }
        .footer { font-size: 12px; line-height: 18px; color: #71717a; padding: 20px 24px 28px 24px; border-top: 1px solid #e4e4e7; }
        .footer a { color: #52525b; }
        .preheader { display: none; max-height: 0; overflow: hidden; opacity: 0; }
        """;

    private const string MediaQueries = """
        @media only screen and (max-width: 620px) {
          .container { border-radius: 0 !important; }
          .card, .heading, .footer { padding-left: 16px !important; padding-right: 16px !important; }
          .headline { font-size: 17px !important; }
        }
        """;

    public static string Render(DigestEmailView view)
    {
        var html = new StringBuilder(8 * 1024);
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<meta name=\"color-scheme\" content=\"light\"><title>").Append(E(view.Subject)).Append("</title>")
            .Append("<style>").Append(Css).Append("</style><style>").Append(MediaQueries).Append("</style></head><body>")
            .Append("<div class=\"preheader\">").Append(E(Preheader(view))).Append("</div>")
            .Append("<table role=\"presentation\" class=\"wrapper\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\"><tr><td align=\"center\" style=\"padding: 12px 0;\">")
            // Outlook for Windows ignores max-width; a fixed 600px table keeps it readable there.
            .Append("<!--[if mso]><table role=\"presentation\" width=\"600\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\"><tr><td><![endif]-->")
            .Append("<table role=\"presentation\" class=\"container\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\">")
            .Append("<tr><td class=\"text heading\">").Append(E(view.Heading)).Append("</td></tr>");

        foreach (var card in view.Cards)
        {
            html.Append("<tr><td class=\"text card\">")
                .Append("<h2 class=\"headline\">").Append(E(card.Headline)).Append("</h2>")
                .Append("<p class=\"insight\">").Append(E(card.Body)).Append("</p>");
            if (card.Source.Length > 0)
            {
                html.Append("<p class=\"source\">").Append(E(card.Source)).Append("</p>");
            }
            html.Append("<p class=\"source\"><a class=\"listen\" href=\"").Append(E(card.ListenUrl)).Append("\">")
                .Append(E(card.ListenLabel)).Append("</a></p>")
                .Append("<p class=\"why\">").Append(E(card.WhyLine)).Append("</p>")
                .Append("<p class=\"feedback\">")
                .Append("<a class=\"button\" href=\"").Append(E(card.UpUrl)).Append("\">👍 More like this</a>")
                .Append("<a class=\"button\" href=\"").Append(E(card.DownUrl)).Append("\">👎 Less like this</a>")
                .Append("<a class=\"button\" href=\"").Append(E(card.LessUrl)).Append("\">Less from this show</a>")
                .Append("</p></td></tr>");
        }

        html.Append("<tr><td class=\"text footer\">")
            .Append("<a href=\"").Append(E(view.ViewInBrowserUrl)).Append("\">View in browser</a> · ")
            .Append("<a href=\"").Append(E(view.PreferencesUrl)).Append("\">Manage preferences</a> · ")
            .Append("<a href=\"").Append(E(view.UnsubscribeUrl)).Append("\">Unsubscribe</a><br>")
            .Append("You get this because you signed up for a PodBrief digest.<br>")
            .Append(E(view.OperatorName));
        if (!string.IsNullOrWhiteSpace(view.OperatorPostalAddress))
        {
            html.Append(" · ").Append(E(view.OperatorPostalAddress));
        }
        html.Append("</td></tr></table><!--[if mso]></td></tr></table><![endif]--></td></tr></table></body></html>");

        var inlined = PreMailer.Net.PreMailer.MoveCssInline(html.ToString(), removeStyleElements: false, ignoreElements: null,
            css: null, stripIdAndClassAttributes: false, removeComments: false);
        return inlined.Html;
    }

    private static string Preheader(DigestEmailView view)
    {
        var body = view.Cards[0].Body;
        return body.Length <= 140 ? body : body[..139] + "…";
    }

    private static string E(string value) => WebUtility.HtmlEncode(value);
}
