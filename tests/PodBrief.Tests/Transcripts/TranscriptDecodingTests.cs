using System.Text;
using PodBrief.Core.Data;
using PodBrief.Core.Transcripts;

namespace PodBrief.Tests.Transcripts;

/// <summary>Transcript bytes are decoded like feeds: a declared UTF-8 is trusted only when the bytes are UTF-8.</summary>
public class TranscriptDecodingTests
{
    private const string Vtt = "WEBVTT\n\n00:00:00.000 --> 00:00:04.000\nLe café de la gare coûte déjà trop cher, à mon avis, même le matin.\n";

    static TranscriptDecodingTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    [Theory]
    [InlineData("utf-8")]
    [InlineData(null)]
    public void A_latin1_file_served_as_utf8_or_undeclared_still_reads_right(string? charset)
    {
        var bytes = Encoding.GetEncoding("ISO-8859-1").GetBytes(Vtt);

        var document = TranscriptParser.Parse(bytes, TranscriptFormat.WebVtt, charset);

        var text = Assert.Single(document.Segments).Text;
        Assert.DoesNotContain('\uFFFD', text);
        Assert.Contains("café de la gare coûte déjà", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Real_utf8_stays_utf8()
    {
        var document = TranscriptParser.Parse(Encoding.UTF8.GetBytes(Vtt), TranscriptFormat.WebVtt, "utf-8");

        Assert.Contains("café de la gare coûte déjà", Assert.Single(document.Segments).Text, StringComparison.Ordinal);
    }
}
