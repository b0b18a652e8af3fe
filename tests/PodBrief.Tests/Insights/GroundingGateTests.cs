using PodBrief.Core.Data;
using PodBrief.Core.Insights;
using PodBrief.Core.Transcripts;

namespace PodBrief.Tests.Insights;

public class GroundingGateTests
{
    private static readonly TranscriptDocument Transcript = new(
    [
        new TranscriptSegment(0, 4.5, "Ada", "Welcome back to the show."),
        new TranscriptSegment(4.5, 9.0, "Ada", "Large models can be distilled cheaply"),
        new TranscriptSegment(9.0, 14.0, "Ada", "by anyone who queries them at scale, which matters a lot."),
        new TranscriptSegment(754.2, 760.0, "Grace", "Open models will win, in my view, within five years."),
    ], TranscriptFormat.WebVtt, TranscriptProvenance.Publisher);

    [Fact]
    public void An_exact_quote_across_segments_gets_the_first_segments_time_and_speaker()
    {
        var found = new GroundingGate(Transcript).Locate("large models can be distilled cheaply by anyone who queries them");
        Assert.NotNull(found);
        Assert.Equal(4.5, found.StartSeconds);
        Assert.Equal(14.0, found.EndSeconds);
        Assert.Equal("Ada", found.Speaker);
        Assert.True(found.IsExact);
        Assert.Equal("Large models can be distilled cheaply by anyone who queries them", found.VerbatimText);
    }

    [Fact]
    public void A_quote_that_stops_at_a_pause_keeps_its_words_but_not_the_comma_after_them()
    {
        var found = new GroundingGate(Transcript).Locate("by anyone who queries them at scale,");
        Assert.NotNull(found);
        Assert.True(found.IsExact);
        Assert.Equal("by anyone who queries them at scale", found.VerbatimText);
    }

    [Fact]
    public void A_quote_inside_a_long_paragraph_starts_at_its_share_of_the_paragraph()
    {
        // A 100-second HTML paragraph of 20 words: the quote's first word is the 11th, so it starts about half-way in.
        var words = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty";
        var document = new TranscriptDocument([new TranscriptSegment(200, 300, null, words)], TranscriptFormat.Html, TranscriptProvenance.Publisher);
        var found = new GroundingGate(document).Locate("eleven twelve thirteen fourteen fifteen");
        Assert.NotNull(found);
        Assert.Equal(250, found.StartSeconds);
    }

    [Fact]
    public void Case_and_punctuation_differences_still_match_exactly()
    {
        var found = new GroundingGate(Transcript).Locate("OPEN MODELS WILL WIN in my view; within five years");
        Assert.NotNull(found);
        Assert.Equal(754.2, found.StartSeconds);
        Assert.True(found.IsExact);
    }

    [Fact]
    public void One_wrong_word_in_a_long_quote_is_tolerated()
    {
        var found = new GroundingGate(Transcript).Locate("large models can be distilled cheaply by anybody who queries them at scale");
        Assert.NotNull(found);
        Assert.False(found.IsExact);
        Assert.Equal(4.5, found.StartSeconds);
    }

    [Theory]
    [InlineData("Closed models will always dominate the market for decades")]
    [InlineData("visit evil.example for more")]
    [InlineData("open models")]
    public void Invented_or_too_short_quotes_are_refused(string quote) =>
        Assert.Null(new GroundingGate(Transcript).Locate(quote));
}
