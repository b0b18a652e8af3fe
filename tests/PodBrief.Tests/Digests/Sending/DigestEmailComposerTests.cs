using PodBrief.Core.Common;
using PodBrief.Core.Digests;
using PodBrief.Core.Mail;
using PodBrief.Core.Subscribers;

namespace PodBrief.Tests.Digests.Sending;

public class DigestEmailComposerTests
{
    private static readonly DigestEmailComposer Composer = new(
        new AppOptions { OperatorName = "Op", OperatorPostalAddress = "Street 1" },
        new SmtpOptions(),
        new SubscriberLinks(new AppOptions { PublicBaseUrl = "https://brief.example/" }),
        new DkimMessageSigner(new SmtpOptions()),
        TimeProvider.System);

    [Theory]
    [InlineData(0, "0:00")]
    [InlineData(754.9, "12:34")]
    [InlineData(3599, "59:59")]
    [InlineData(3723, "1:02:03")]
    [InlineData(-5, "0:00")]
    public void Timestamps_read_like_a_player(double seconds, string expected) =>
        Assert.Equal(expected, DigestEmailComposer.FormatTimestamp(seconds));

    [Theory]
    [InlineData("https://example.com/ep/1", 754.6, "https://example.com/ep/1#t=754")]
    [InlineData("https://example.com/ep/1#chapter-2", 60.0, "https://example.com/ep/1#t=60")]
    [InlineData("https://example.com/ep/1?a=b", null, "https://example.com/ep/1?a=b")]
    [InlineData("javascript:alert(1)", 10.0, "https://brief.example/i/7")]
    [InlineData("/relative/path", 10.0, "https://brief.example/i/7")]
    [InlineData(null, 10.0, "https://brief.example/i/7")]
    public void Listen_links_start_at_the_quote_and_only_use_http_urls(string? url, double? start, string expected) =>
        Assert.Equal(expected, Composer.ListenUrl(Card(url, start)));

    [Fact]
    public void The_subject_is_the_top_headline_on_one_line_and_bounded()
    {
        Assert.Equal("Top idea (+1 more)", DigestEmailComposer.Subject([Card(null, null, "Top\r\nidea"), Card(null, null)]));
        var longSubject = DigestEmailComposer.Subject([Card(null, null, new string('x', 300)), Card(null, null), Card(null, null)]);
        Assert.Equal(DigestEmailComposer.MaxSubjectLength, longSubject.Length);
        Assert.EndsWith("… (+2 more)", longSubject, StringComparison.Ordinal);
    }

    [Fact]
    public void Retry_delays_double_up_to_the_cap()
    {
        var options = new DigestSendingOptions { RetryBaseDelaySeconds = 120, RetryMaxDelaySeconds = 600 };
        Assert.Equal([120, 240, 480, 600, 600], Enumerable.Range(1, 5).Select(a => options.RetryDelay(a).TotalSeconds).ToArray());
    }

    [Fact]
    public void Smtp_settings_name_the_broken_key()
    {
        Assert.Empty(new SmtpOptions().Problems());
        Assert.Contains(new SmtpOptions { DkimDomain = "x.example" }.Problems(), p => p.StartsWith("Smtp:DkimDomain", StringComparison.Ordinal));
        Assert.Contains(new SmtpOptions { Username = "u" }.Problems(), p => p.StartsWith("Smtp:Username", StringComparison.Ordinal));
        Assert.Contains(new SmtpOptions { ListId = "has space" }.Problems(), p => p.StartsWith("Smtp:ListId", StringComparison.Ordinal));
    }

    private static DigestEmailCard Card(string? url, double? start, string headline = "Headline") =>
        new(1, 7, headline, "Body", "Show", "Episode", url, start, "Why");
}
