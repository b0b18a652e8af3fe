using PodBrief.Core.Common;
using PodBrief.Core.Digests;
using PodBrief.Core.Mail;
using PodBrief.Core.Subscribers;

namespace PodBrief.Tests.Digests.Sending;

public class DigestEmailComposerTests
{
    private static readonly DigestEmailComposer Composer = DigestEmailRenderingTests.CreateComposer("Op", "Street 1");

    [Theory]
    [InlineData("https://example.com/ep/1", 754.6, "https://example.com/ep/1#t=754")]
    [InlineData("https://example.com/ep/1#chapter-2", 60.0, "https://example.com/ep/1#t=60")]
    [InlineData("https://example.com/ep/1?a=b", null, "https://example.com/ep/1?a=b")]
    [InlineData("javascript:alert(1)", 10.0, "https://brief.example/i/7?t=10")]
    [InlineData("/relative/path", 10.9, "https://brief.example/i/7?t=10")]
    [InlineData(null, null, "https://brief.example/i/7")]
    public void Listen_links_start_at_the_quote_and_only_use_http_urls(string? url, double? start, string expected) =>
        Assert.Equal(expected, Composer.ListenUrl(Card(url, start)));

    [Fact]
    public void The_subject_is_the_top_headline_on_one_line_and_the_count()
    {
        Assert.Equal("Top idea + 1 more", DigestEmailComposer.Subject([Card(null, null, "Top\r\nidea"), Card(null, null)]));
        Assert.Equal("Only idea", DigestEmailComposer.Subject([Card(null, null, "Only idea…")]));
    }

    [Theory]
    // A clause boundary past half the room reads as a label.
    [InlineData("Counter-positioning: why incumbents won't copy you, and what that means for pricing power",
        "Counter-positioning: why incumbents won't copy you")]
    // Otherwise the last whole word, never mid-word and never "…".
    [InlineData("Large centralized models are vulnerable to distillation attacks by smaller cheaper models",
        "Large centralized models are vulnerable to distillation")]
    [InlineData("Supercalifragilisticexpialidocioussupercalifragilisticexpialidocious-and-more",
        "Supercalifragilisticexpialidocioussupercalifragilisticexpial")]
    public void Long_headlines_become_clean_labels_of_at_most_60_characters(string headline, string expected)
    {
        var label = DigestEmailComposer.Subject([Card(null, null, headline)]);
        Assert.Equal(expected, label);
        Assert.True(label.Length <= DigestEmailComposer.MaxSubjectHeadlineLength);
        Assert.DoesNotContain("…", label, StringComparison.Ordinal);
    }

    [Fact]
    public void The_intro_counts_ideas_and_distinct_shows()
    {
        var cards = new[] { "A", "B", "A", "C", "D" }.Select(show => Card(null, null) with { PodcastTitle = show }).ToList();
        Assert.Equal("5 ideas from 4 shows, picked for you", DigestEmailComposer.Intro(cards));
        Assert.Equal("1 idea from 1 show, picked for you", DigestEmailComposer.Intro([cards[0]]));
    }

    [Fact]
    public void Also_discussed_names_each_other_show_once_with_its_time()
    {
        var line = DigestEmailComposer.AlsoDiscussedLine([
            new(11, 2, "Show B", null, 490), new(12, 2, "Show B", null, 900), new(13, 3, "Show C", null, 2462)]);
        Assert.Equal("Also discussed in Show B (08:10), Show C (41:02)", line);
        Assert.Null(DigestEmailComposer.AlsoDiscussedLine([]));
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
