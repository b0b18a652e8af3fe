using AngleSharp.Html.Parser;
using MimeKit;
using PodBrief.Core.Common;
using PodBrief.Core.Digests;
using PodBrief.Core.Insights;
using PodBrief.Core.Mail;
using PodBrief.Core.Subscribers;

namespace PodBrief.Tests.Digests.Sending;

/// <summary>What a reader sees in the digest email's HTML part (issue 14 item 1, issue 9 item 8).</summary>
public class DigestEmailRenderingTests
{
    private static readonly DigestEmailComposer Composer = CreateComposer("Brief & Co", "1 Main St, Springfield");

    /// <summary>A composer with no I/O: links under https://brief.example, no DKIM.</summary>
    public static DigestEmailComposer CreateComposer(string operatorName, string postalAddress) => new(
        new AppOptions { OperatorName = operatorName, OperatorPostalAddress = postalAddress, PublicBaseUrl = "https://brief.example" },
        new SmtpOptions(),
        new SubscriberLinks(new AppOptions { PublicBaseUrl = "https://brief.example/" }),
        new DkimMessageSigner(new SmtpOptions()),
        TimeProvider.System);

    public static DigestEmailContent Content() => new(42, "<d42@brief.example>", "reader@example.com", new DateOnly(2026, 12, 1), "manage-token", "unsub-token",
    [
        new(1, 101, "Distillation: closed models leak their edge", "Large models can be copied by querying them.", "Open Weights", "Ep 142",
            "https://open.example/142", 754, "Because you follow AI", "If you can query it, you can distill it.", "https://img.example/ow.png",
            [new AlsoDiscussed(201, 9, "Show B", null, 490), new AlsoDiscussed(202, 10, "Show C", null, 2462)]),
        new(2, 102, "Sleep debt is real <script>", "You cannot repay a week of short nights in one weekend.", "Sleep Lab", null,
            null, 65, "", "You cannot repay a week of short nights in one weekend", null, null),
    ]);

    [Fact]
    public void Each_card_carries_its_parts_and_the_masthead_and_footer_name_the_operator()
    {
        var html = Composer.Compose(Content()).HtmlBody!;
        var doc = new HtmlParser().ParseDocument(html);
        var text = doc.Body!.TextContent;
        Assert.Contains("Brief & Co", doc.QuerySelector(".brand")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("2 ideas from 2 shows, picked for you", doc.QuerySelector(".intro")!.TextContent);
        Assert.Contains("1 Main St, Springfield", doc.QuerySelector(".footer")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(["Distillation: closed models leak their edge", "Sleep debt is real <script>"],
            doc.QuerySelectorAll("h2.headline").Select(h => h.TextContent));
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        // The quote shows on the first card (it adds something) and not on the second (it is the body again).
        Assert.Single(doc.QuerySelectorAll(".quote"));
        Assert.Contains("Also discussed in Show B (08:10), Show C (41:02)", text, StringComparison.Ordinal);
        var listen = doc.QuerySelectorAll("a.listen").Select(a => (a.TextContent, a.GetAttribute("href"))).ToList();
        Assert.Equal([(TimeLabel.PlayGlyph + " Listen from 12:34", "https://open.example/142#t=754"),
            (TimeLabel.PlayGlyph + " Listen from 01:05", "https://brief.example/i/102?t=65")], listen);
        // Artwork: sized, with alt text; a card without artwork has no image at all.
        var img = Assert.Single(doc.QuerySelectorAll("img"));
        Assert.Equal(("48", "48", "Open Weights artwork"), (img.GetAttribute("width"), img.GetAttribute("height"), img.GetAttribute("alt")));
        Assert.Equal(["Manage preferences", "Unsubscribe"],
            doc.QuerySelectorAll(".footer a").Select(a => a.TextContent).Where(t => t != "View in browser"));
    }

    [Fact]
    public void Feedback_buttons_use_the_shared_labels_and_no_emoji()
    {
        var message = Composer.Compose(Content());
        var doc = new HtmlParser().ParseDocument(message.HtmlBody!);
        var labels = doc.QuerySelectorAll("a.button").Select(a => a.TextContent).Distinct().ToList();
        Assert.Equal(FeedbackLabels.InButtonOrder.Select(FeedbackLabels.Button), labels);
        string[] parts = [message.HtmlBody ?? "", message.TextBody ?? "", message.Subject ?? ""];
        // Supplementary-plane characters (U+1F44D and friends) need an emoji font; none may appear.
        Assert.All(parts, part => Assert.False(part.Any(char.IsSurrogate), part));
    }

    [Fact]
    public void The_css_is_inlined_and_the_dark_mode_rules_stay_in_the_head()
    {
        var doc = new HtmlParser().ParseDocument(Composer.Compose(Content()).HtmlBody!);
        Assert.Contains("font-weight: bold", doc.QuerySelector("h2.headline")!.GetAttribute("style"), StringComparison.Ordinal);
        Assert.Contains("prefers-color-scheme: dark", string.Concat(doc.QuerySelectorAll("style").Select(s => s.TextContent)), StringComparison.Ordinal);
        Assert.Equal("light dark", doc.QuerySelector("meta[name=color-scheme]")!.GetAttribute("content"));
        Assert.Contains("Distillation", doc.QuerySelector(".preheader")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void The_compiled_layout_renders_what_inlining_each_message_rendered()
    {
        var (compiled, perMessage) = Composer.RenderHtmlBothWays(Content());
        var parser = new HtmlParser();
        Assert.Equal(parser.ParseDocument(perMessage).DocumentElement.OuterHtml, parser.ParseDocument(compiled).DocumentElement.OuterHtml);
    }

    [Fact]
    public void The_mime_shape_and_headers_stay()
    {
        var message = Composer.Compose(Content());
        var alternative = Assert.IsType<MultipartAlternative>(message.Body);
        Assert.Equal(["text/plain", "text/html"], alternative.Select(p => p.ContentType.MimeType));
        Assert.Equal("d42@brief.example", message.MessageId);
        Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);
        Assert.Equal("<https://brief.example/unsubscribe/unsub-token>", message.Headers[HeaderId.ListUnsubscribe]);
        Assert.Equal("Distillation: closed models leak their edge + 1 more", message.Subject);
        Assert.Contains("Also discussed in Show B (08:10), Show C (41:02)", message.TextBody, StringComparison.Ordinal);
    }
}
