using System.Text;
using PodBrief.Core.Transcripts.Chapters;

namespace PodBrief.Tests.Transcripts;

public class ChaptersJsonTests
{
    private static IReadOnlyList<ParsedChapter> Parse(string json) => ChaptersJson.Parse(Encoding.UTF8.GetBytes(json));

    [Theory]
    [InlineData("not json", "not valid JSON")]
    [InlineData("[{\"startTime\":1,\"title\":\"a\"}]", "no \"chapters\" array")]
    [InlineData("{\"chapters\":{\"startTime\":1}}", "no \"chapters\" array")]
    [InlineData("{\"version\":\"1.2.0\"}", "no \"chapters\" array")]
    [InlineData("{\"chapters\":[{\"startTime\":1,\"title\":\"a\"}", "not valid JSON")]
    public void A_file_that_breaks_the_format_is_refused_with_the_reason(string json, string reason)
    {
        var error = Assert.Throws<FormatException>(() => Parse(json));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deep_nesting_is_refused_before_it_is_walked()
    {
        var json = "{\"chapters\":[" + new string('[', 10_000) + new string(']', 10_000) + "]}";
        Assert.Contains("not valid JSON", Assert.Throws<FormatException>(() => Parse(json)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_many_chapters_are_refused()
    {
        var json = "{\"chapters\":[" + string.Join(',', Enumerable.Range(0, ChaptersJson.MaxChapters + 1).Select(i => $"{{\"startTime\":{i},\"title\":\"t{i}\"}}")) + "]}";
        Assert.Contains("at most 500", Assert.Throws<FormatException>(() => Parse(json)).Message, StringComparison.Ordinal);
        Assert.Equal(ChaptersJson.MaxChapters, Parse(json.Replace($",{{\"startTime\":500,\"title\":\"t500\"}}", "", StringComparison.Ordinal)).Count);
    }

    [Fact]
    public void Bad_entries_are_skipped_and_text_is_made_plain_and_bounded()
    {
        var longTitle = string.Join(' ', Enumerable.Repeat("word", 200));
        var chapters = Parse($$"""
            {"chapters":[
              {"startTime":1e308,"title":"too late"},{"startTime":"NaN","title":"not a number"},{"startTime":true,"title":"bool"},
              {"startTime":5,"title":"   "},{"startTime":6,"title":"Line\u0000one\nand <script>alert(1)</script> two"},
              {"startTime":7,"title":"{{longTitle}}","url":"data:text/html,hi","img":"https://example.com/i.png"},
              {"startTime":8,"title":"hidden","toc":false},{"startTime":9,"title":"shown","toc":true}
            ]}
            """);
        Assert.Equal([6d, 7d, 9d], chapters.Select(c => c.StartSeconds));
        Assert.Equal("Line one and alert(1) two", chapters[0].Title);
        Assert.True(chapters[1].Title.Length <= ChaptersJson.MaxTitleLength);
        Assert.EndsWith("word", chapters[1].Title, StringComparison.Ordinal);
        Assert.Null(chapters[1].Url);
        Assert.Equal("https://example.com/i.png", chapters[1].ImageUrl);
    }

    [Fact]
    public void Oversized_input_is_refused()
    {
        var bytes = new byte[ChaptersJson.MaxBytes + 1];
        Assert.Contains("at most", Assert.Throws<FormatException>(() => ChaptersJson.Parse(bytes)).Message, StringComparison.Ordinal);
    }
}
