using PodBrief.Core.Insights;
using PodBrief.Core.Transcripts;

namespace PodBrief.Tests.Insights;

public class OfflineSentenceBuilderTests
{
    [Fact]
    public void Sentences_span_caption_cues_and_start_in_the_cue_of_their_first_word()
    {
        var segments = new List<TranscriptSegment>
        {
            new(0, 4, null, "Alban: It is so nice to"),
            new(4, 8, null, "show up. And Travis has already put"),
            new(8, 12, null, "together an outline. Dr. Smith said"),
            new(12, 16, null, "Kevin: yes, that works."),
        };
        var sentences = OfflineSentenceBuilder.Build(segments);
        Assert.Equal(["It is so nice to show up.", "And Travis has already put together an outline.", "Dr. Smith said", "yes, that works."], sentences.Select(s => s.Text));
        Assert.Equal([0, 1, 2, 3], sentences.Select(s => s.FirstSegment));
        Assert.Equal(["Alban", "Alban", "Alban", "Kevin"], sentences.Select(s => s.Speaker));
    }

    [Fact]
    public void A_change_of_speaker_ends_a_sentence_and_unpunctuated_speech_is_capped()
    {
        var words = string.Join(' ', Enumerable.Range(0, 120).Select(i => "word" + i));
        var sentences = OfflineSentenceBuilder.Build(
        [
            new(0, 5, "Ada", "so we started without"),
            new(5, 9, "Grace", "punctuation at all"),
            new(9, 60, "Grace", words),
        ]);
        Assert.Equal("so we started without", sentences[0].Text);
        Assert.Equal("Grace", sentences[1].Speaker);
        Assert.All(sentences, s => Assert.InRange(s.WordCount, 1, 50));
    }

    [Fact]
    public void Card_text_drops_spoken_filler_but_the_headline_stays_a_statement()
    {
        var body = CardTextComposer.Clean("so, um, you know, the the cost of batteries fell by 90 percent, uh, in ten years");
        Assert.Equal("The cost of batteries fell by 90 percent in ten years.", body);
        var headline = CardTextComposer.ComposeHeadline("Battery prices fell by about 90 percent over the last decade, which is why electric buses now cost less to run than diesel ones.");
        Assert.True(headline.Length <= CardTextComposer.MaxHeadline, headline);
        Assert.Equal("Battery prices fell by about 90 percent over the last decade", headline);
    }
}
