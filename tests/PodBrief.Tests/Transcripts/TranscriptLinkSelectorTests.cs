using PodBrief.Core.Data;
using PodBrief.Core.Transcripts;

namespace PodBrief.Tests.Transcripts;

public class TranscriptLinkSelectorTests
{
    private static TranscriptLink Link(string url, string? type, string? language = null, string? rel = null) =>
        new() { Url = url, MediaType = type, Language = language, Rel = rel };

    [Fact]
    public void Timed_formats_before_html_before_plain_text()
    {
        var links = new[]
        {
            Link("https://x/t.txt", "text/plain"),
            Link("https://x/t.html", "text/html"),
            Link("https://x/t.srt", "application/x-subrip"),
            Link("https://x/t.vtt", "text/vtt"),
            Link("https://x/t.json", "application/json"),
        };

        Assert.Equal(["https://x/t.json", "https://x/t.vtt", "https://x/t.srt", "https://x/t.html", "https://x/t.txt"],
            TranscriptLinkSelector.Order(links, "en").Select(l => l.Url));
    }

    [Fact]
    public void The_feeds_language_comes_first_even_over_a_better_format()
    {
        var links = new[]
        {
            Link("https://x/es.json", "application/json", "es"),
            Link("https://x/en.html", "text/html", "en-GB"),
            Link("https://x/unstated.srt", "application/srt"),
        };

        Assert.Equal(["https://x/en.html", "https://x/unstated.srt", "https://x/es.json"],
            TranscriptLinkSelector.Order(links, "en-us").Select(l => l.Url));
    }

    [Fact]
    public void Captions_break_a_tie_and_extensionless_urls_use_the_type()
    {
        var links = new[]
        {
            Link("https://x/a/transcript", "application/srt"),
            Link("https://x/b/transcript", "text/srt", rel: "captions"),
            Link("https://x/c/transcript", null),
        };

        var best = TranscriptLinkSelector.Best(links, null);

        Assert.Equal("https://x/b/transcript", best!.Url);
        Assert.Equal(TranscriptFormat.Unknown, TranscriptLinkSelector.FormatOf(links[2]));
        Assert.Equal("https://x/c/transcript", TranscriptLinkSelector.Order(links, null)[^1].Url);
        Assert.Null(TranscriptLinkSelector.Best([], "en"));
    }
}
