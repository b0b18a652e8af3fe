using PodBrief.Core.Data;
using PodBrief.Core.Transcripts;

namespace PodBrief.Tests.Transcripts;

public class OtherTranscriptParserTests
{
    [Fact]
    public void Json_word_level_segments_merge_into_phrases_with_punctuation_glued_and_blanks_dropped()
    {
        const string json = """
            {"version":"1.0.0","segments":[
              {"speaker":"Ada","startTime":0.5,"endTime":0.75,"body":"Large"},
              {"speaker":"Ada","startTime":0.75,"endTime":0.75,"body":"models"},
              {"speaker":"Ada","startTime":1.0,"endTime":1.25,"body":"  "},
              {"speaker":"Ada","startTime":1.25,"endTime":1.5,"body":"leak"},
              {"speaker":"Ada","startTime":1.5,"endTime":1.5,"body":"."},
              {"speaker":"Ada","startTime":1.75,"endTime":2.0,"body":"Really"},
              {"speaker":"Ada","startTime":2.0,"endTime":2.25,"body":"?"},
              {"speaker":"Grace","startTime":"2.5","endTime":"3.0","body":"Yes"}
            ]}
            """;

        var segments = TranscriptParser.Parse(json, TranscriptFormat.Json).Segments;

        Assert.Collection(segments,
            s => Assert.Equal(new TranscriptSegment(0.5, 1.5, "Ada", "Large models leak."), s),
            s => Assert.Equal(new TranscriptSegment(1.75, 2.25, "Ada", "Really?"), s),
            s => Assert.Equal(new TranscriptSegment(2.5, 3, "Grace", "Yes"), s));
    }

    [Fact]
    public void Json_line_split_cues_with_duplicate_times_become_one_segment_in_file_order()
    {
        const string json = """
            {"segments":[
              {"speaker":"Kevin","startTime":4.8,"endTime":8.25,"body":"show. And Travis has already put"},
              {"speaker":"Kevin","startTime":4.8,"endTime":8.25,"body":"together an outline. Kevin's got"},
              {"speaker":"Kevin","startTime":0.0,"endTime":4.8,"body":"It is so stinking nice to be here and record this"}
            ]}
            """;

        var segments = TranscriptParser.Parse(json, TranscriptFormat.Json).Segments;

        Assert.Equal(2, segments.Count);
        Assert.Equal(0, segments[0].Start);
        Assert.Equal("show. And Travis has already put together an outline. Kevin's got", segments[1].Text);
    }

    [Fact]
    public void Invalid_or_empty_transcripts_fail_with_a_clear_error()
    {
        Assert.Throws<FormatException>(() => TranscriptParser.Parse("{\"segments\": [", TranscriptFormat.Json));
        Assert.Throws<FormatException>(() => TranscriptParser.Parse("{\"version\":\"1.0.0\"}", TranscriptFormat.Json));
        Assert.Throws<FormatException>(() => TranscriptParser.Parse("  \n ", TranscriptFormat.PlainText));
        Assert.Throws<FormatException>(() => TranscriptParser.Parse("WEBVTT\n\nNOTE nothing here\n", TranscriptFormat.WebVtt));
    }

    [Fact]
    public void Html_fragment_with_cite_time_and_paragraphs()
    {
        const string html = """
            <!-- saved from url=(0054)https://example.com/transcript -->
            <cite>Travis:</cite>
            <time>0:00</time>
            <p>It&#39;s the first &amp; best paragraph.</p>
            <time>59:30</time>
            <p>No speaker change, later.</p>
            <cite>Sarah:</cite>
            <time>1:00:05</time>
            <p>Past the hour.</p>
            """;

        var segments = TranscriptParser.Parse(html, TranscriptFormat.Html).Segments;

        Assert.Collection(segments,
            s => Assert.Equal(new TranscriptSegment(0, 3570, "Travis", "It's the first & best paragraph."), s),
            s => Assert.Equal(new TranscriptSegment(3570, 3605, "Travis", "No speaker change, later."), s),
            s => Assert.Equal(("Sarah", 3605.0), (s.Speaker, s.Start)));
    }

    [Fact]
    public void Html_document_without_cites_or_times_keeps_text_at_time_zero()
    {
        const string html = "<html><head><title>T</title><script>alert(1)</script></head><body><p>One.</p><p>Two.</p></body></html>";

        var segments = TranscriptParser.Parse(html, TranscriptFormat.Html).Segments;

        Assert.Equal(["One.", "Two."], segments.Select(s => s.Text));
        Assert.All(segments, s => Assert.Equal((0.0, 0.0, (string?)null), (s.Start, s.End, s.Speaker)));
    }

    [Fact]
    public void Plain_text_with_timestamp_lines_labels_and_an_hour_roll_over()
    {
        const string text = "00:00:00 Mike: Welcome to the show.\n\n[00:05] Still Mike here.\n\n59:50\nMay: A timestamp on its own line\ntimes what follows.\n\n00:10 After the hour.\n";

        var segments = TranscriptParser.Parse(text, TranscriptFormat.PlainText).Segments;

        Assert.Collection(segments,
            s => Assert.Equal(new TranscriptSegment(0, 5, "Mike", "Welcome to the show."), s),
            s => Assert.Equal(new TranscriptSegment(5, 3590, "Mike", "Still Mike here."), s),
            s => Assert.Equal(new TranscriptSegment(3590, 3610, "May", "A timestamp on its own line times what follows."), s),
            s => Assert.Equal((3610.0, "May"), (s.Start, s.Speaker)));
    }

    [Fact]
    public void Plain_text_without_timestamps_is_paragraphs_at_time_zero()
    {
        var segments = TranscriptParser.Parse("First paragraph\nwraps here.\n\nSecond one.", TranscriptFormat.PlainText).Segments;

        Assert.Equal(["First paragraph wraps here.", "Second one."], segments.Select(s => s.Text));
        Assert.All(segments, s => Assert.Equal(0, s.Start));
    }

    [Theory]
    [InlineData("WEBVTT\n\n00:01.000 --> 00:02.000\nHi.", TranscriptFormat.Html, TranscriptFormat.WebVtt)]
    [InlineData("{\"segments\":[{\"startTime\":1,\"endTime\":2,\"body\":\"Hi.\"}]}", TranscriptFormat.PlainText, TranscriptFormat.Json)]
    [InlineData("1\n00:00:01,000 --> 00:00:02,000\nHi.", TranscriptFormat.Unknown, TranscriptFormat.Srt)]
    [InlineData("<p>Hi.</p>", TranscriptFormat.Srt, TranscriptFormat.Html)]
    [InlineData("Just words.", TranscriptFormat.Unknown, TranscriptFormat.PlainText)]
    public void Content_decides_when_the_declared_format_is_missing_or_wrong(string content, TranscriptFormat declared, TranscriptFormat parsedAs)
    {
        var document = TranscriptParser.Parse(content, declared);

        Assert.Equal(parsedAs, document.Format);
        Assert.Equal("Hi.", document.Segments[0].Text.Replace("Just words.", "Hi.", StringComparison.Ordinal));
    }
}
