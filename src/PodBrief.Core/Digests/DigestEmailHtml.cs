using PodBrief.Core.Mail;

namespace PodBrief.Core.Digests;

/// <summary>
/// The HTML part. Tables 600px wide that shrink to the screen (a fixed-width ghost table for Outlook for Windows,
/// which ignores max-width), system fonts, no scripts. Every image has a size and alt text and nothing needs an
/// image to be read: with images off the email still carries every card. A light palette with a
/// prefers-color-scheme block (Apple Mail, Outlook.com via [data-ogsc]) keeps it readable in dark mode. The CSS is
/// inlined once, when this layout is compiled (<see cref="InlinedHtmlTemplate"/>); only the media queries stay in
/// &lt;style&gt;, which clients that ignore them can skip harmlessly.
/// </summary>
internal static class DigestEmailHtml
{
    private const string Css = """
        body { margin: 0; padding: 0; background-color: #f4f4f5; }
        .wrapper { width: 100%; background-color: #f4f4f5; }
        .container { width: 100%; max-width: 600px; background-color: #ffffff; border-radius: 8px; }
        .text { font-family: -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif; color: #18181b; }
        .masthead { padding: 24px 24px 4px 24px; }
        .brand { font-size: 22px; line-height: 28px; font-weight: bold; margin: 0; color: #18181b; }
        .intro { font-size: 16px; line-height: 24px; margin: 4px 0 0 0; color: #27272a; }
        .date { font-size: 13px; line-height: 18px; margin: 2px 0 12px 0; color: #52525b; }
        .card { padding: 16px 24px 18px 24px; border-top: 1px solid #e4e4e7; }
        .art-cell { padding: 2px 12px 0 0; }
        .art { display: block; border: 0; border-radius: 6px; font-size: 11px; line-height: 14px; color: #52525b; }
        .source { font-size: 13px; line-height: 18px; margin: 0 0 4px 0; color: #52525b; }
        .headline { font-size: 18px; line-height: 24px; font-weight: bold; margin: 0 0 6px 0; color: #18181b; }
        .insight { font-size: 16px; line-height: 24px; margin: 0 0 10px 0; color: #27272a; }
        .quote { font-size: 15px; line-height: 22px; margin: 0 0 10px 0; padding: 0 0 0 12px; border-left: 3px solid #a1a1aa; color: #3f3f46; font-style: italic; }
        .listen-line { font-size: 15px; line-height: 22px; margin: 0 0 6px 0; }
        .listen { color: #1d4ed8; font-weight: bold; text-decoration: none; }
        .also { font-size: 13px; line-height: 18px; margin: 0 0 6px 0; color: #52525b; }
        .why { font-size: 13px; line-height: 18px; margin: 0 0 10px 0; color: #52525b; font-style: italic; }
        .feedback { font-size: 14px; line-height: 20px; margin: 0; }
        .button { display: inline-block; padding: 6px 10px; margin: 0 6px 6px 0; border: 1px solid #a1a1aa; border-radius: 6px; color: #27272a; text-decoration: none; }
        .footer { font-size: 12px; line-height: 18px; color: #52525b; padding: 20px 24px 28px 24px; border-top: 1px solid #e4e4e7; }
        .footer-link { color: #3f3f46; text-decoration: underline; }
        .preheader { display: none; max-height: 0; overflow: hidden; opacity: 0; color: transparent; font-size: 1px; line-height: 1px; }
        """;

    // Kept in <style>: inline styles cannot express media queries. "!important" is what lets them beat the inlined styles.
    private const string MediaQueries = """
        @media only screen and (max-width: 620px) {
          .container { border-radius: 0 !important; }
          .card, .masthead, .footer { padding-left: 16px !important; padding-right: 16px !important; }
          .headline { font-size: 17px !important; }
        }
        @media (prefers-color-scheme: dark) {
          .wrapper, body { background-color: #111113 !important; }
          .container { background-color: #1c1c1f !important; }
          .brand, .headline, .text { color: #f4f4f5 !important; }
          .intro, .insight, .quote { color: #e4e4e7 !important; }
          .date, .source, .also, .why, .footer, .art { color: #a1a1aa !important; }
          .listen { color: #93c5fd !important; }
          .button, .footer-link { color: #e4e4e7 !important; border-color: #71717a !important; }
        }
        [data-ogsc] .brand, [data-ogsc] .headline, [data-ogsc] .insight { color: #f4f4f5 !important; }
        [data-ogsc] .listen { color: #93c5fd !important; }
        """;

    private const string Layout = """
        <!DOCTYPE html><html lang="en" xmlns="http://www.w3.org/1999/xhtml"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="color-scheme" content="light dark"><meta name="supported-color-schemes" content="light dark">
        <title>{{title}}</title>
        <style>
        """ + Css + """
        </style><style>
        """ + MediaQueries + """
        </style></head><body>
        <div class="preheader">{{preheader}}</div>
        <table role="presentation" class="wrapper" width="100%" cellpadding="0" cellspacing="0" border="0"><tr><td align="center" style="padding: 12px 0;">
        <!--[if mso]><table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0"><tr><td><![endif]-->
        <table role="presentation" class="container" width="100%" cellpadding="0" cellspacing="0" border="0">
        <tr><td class="text masthead"><p class="brand">{{brand}}</p><p class="intro">{{intro}}</p><p class="date">{{date}}</p></td></tr>
        <!--[card]--><tr><td class="text card">
        <table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0"><tr>
        <!--[art]--><td class="art-cell" width="60" valign="top"><img class="art" src="{{art}}" width="48" height="48" alt="{{artAlt}}"></td><!--[/art]-->
        <td class="text" valign="top">
        <!--[source]--><p class="source">{{source}}</p><!--[/source]-->
        <h2 class="headline">{{headline}}</h2>
        <p class="insight">{{body}}</p>
        <!--[quote]--><p class="quote">“{{quote}}”</p><!--[/quote]-->
        <p class="listen-line"><a class="listen" href="{{listenUrl}}">{{listenLabel}}</a></p>
        <!--[also]--><p class="also">{{also}}</p><!--[/also]-->
        <!--[why]--><p class="why">{{why}}</p><!--[/why]-->
        <p class="feedback"><a class="button" href="{{upUrl}}">{{upLabel}}</a> <a class="button" href="{{downUrl}}">{{downLabel}}</a> <a class="button" href="{{lessUrl}}">{{lessLabel}}</a></p>
        </td></tr></table>
        </td></tr><!--[/card]-->
        <tr><td class="text footer">
        <a class="footer-link" href="{{viewUrl}}">View in browser</a> · <a class="footer-link" href="{{preferencesUrl}}">Manage preferences</a> · <a class="footer-link" href="{{unsubscribeUrl}}">Unsubscribe</a><br>
        You get this email because you subscribed to {{operator}}.<br>
        {{operator}}<!--[address]--> · {{address}}<!--[/address]-->
        </td></tr></table>
        <!--[if mso]></td></tr></table><![endif]-->
        </td></tr></table></body></html>
        """;

    /// <summary>Compiled on first use, once per process: the CSS pass is the expensive part and never changes.</summary>
    private static readonly Lazy<InlinedHtmlTemplate> Template = new(() => InlinedHtmlTemplate.Compile(Layout));

    public static string Render(DigestEmailView view) => Template.Value.Render(view);

    private static readonly Lazy<InlinedHtmlTemplate> Uninlined = new(() => InlinedHtmlTemplate.CompileWithoutInlining(Layout));

    /// <summary>The old path, PreMailer per message: the benchmark's baseline and the equivalence test's reference.</summary>
    internal static string RenderInliningPerMessage(DigestEmailView view) =>
        InlinedHtmlTemplate.InlinePerMessage(Uninlined.Value.Render(view));
}
