using PodBrief.Core.Data;
using PodBrief.Core.Transcripts;
using PodBrief.Core.Transcripts.Parsing;

namespace PodBrief.Tests.Transcripts;

public class TranscriptFormatsTests
{
    [Theory]
    [InlineData("application/srt", TranscriptFormat.Srt)]
    [InlineData("text/srt", TranscriptFormat.Srt)]
    [InlineData("application/x-subrip", TranscriptFormat.Srt)]
    [InlineData("text/vtt", TranscriptFormat.WebVtt)]
    [InlineData("TEXT/VTT; charset=utf-8", TranscriptFormat.WebVtt)]
    [InlineData("application/json", TranscriptFormat.Json)]
    [InlineData("text/html", TranscriptFormat.Html)]
    [InlineData("text/plain", TranscriptFormat.PlainText)]
    [InlineData("audio/mpeg", TranscriptFormat.Unknown)]
    [InlineData(null, TranscriptFormat.Unknown)]
    public void Media_types_as_feeds_write_them(string? mediaType, TranscriptFormat expected) =>
        Assert.Equal(expected, TranscriptFormats.FromMediaType(mediaType));

    [Theory]
    [InlineData("https://example.com/ep/transcript", "text/vtt", TranscriptFormat.WebVtt)]
    [InlineData("https://example.com/ep/transcript", "application/srt", TranscriptFormat.Srt)]
    [InlineData("https://example.com/ep/Captions.srt?x=1", "text/html", TranscriptFormat.Srt)]
    [InlineData("https://example.com/ep/t.JSON", null, TranscriptFormat.Json)]
    [InlineData("https://example.com/ep/t.txt", "text/plain", TranscriptFormat.PlainText)]
    [InlineData("https://example.com/ep/t", null, TranscriptFormat.Unknown)]
    public void The_type_attribute_decides_when_the_url_has_no_extension(string url, string? mediaType, TranscriptFormat expected) =>
        Assert.Equal(expected, TranscriptFormats.Decide(url, mediaType));

    [Theory]
    [InlineData("00:00:01.500", 1.5)]
    [InlineData("00:00:01,500", 1.5)]
    [InlineData("1:02:03.25", 3723.25)]
    [InlineData("3:40.700", 220.7)]
    [InlineData("0.860", 0.86)]
    [InlineData("75:10", 4510)]
    [InlineData("12", 12)]
    public void Timestamps_in_every_form_seen(string text, double seconds)
    {
        Assert.True(TranscriptTimestamp.TryParse(text, out var parsed));
        Assert.Equal(seconds, parsed, 6);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("1:2:3:4")]
    [InlineData("00:00:01.")]
    [InlineData("-1")]
    public void Not_timestamps(string text) => Assert.False(TranscriptTimestamp.TryParse(text, out _));
}
