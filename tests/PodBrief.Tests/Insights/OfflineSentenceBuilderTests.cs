using PodBrief.Core.Data;
using PodBrief.Core.Insights;
using PodBrief.Core.Transcripts;

namespace PodBrief.Tests.Insights;

public class OfflineSentenceBuilderTests
{
    private static TranscriptDocument Document(params TranscriptSegment[] segments) => new(segments, TranscriptFormat.Srt, TranscriptProvenance.Publisher);

    [Fact]
    public void Sentences_span_caption_cues_and_keep_the_parsers_speakers()
    {
        var document = TranscriptParser.Parse("1\n00:00:00,000 --> 00:00:04,000\nAlban: It is so nice to\n\n2\n00:00:04,000 --> 00:00:08,000\nshow up. And Travis has already put\n\n"
            + "3\n00:00:08,000 --> 00:00:12,000\ntogether an outline. Dr. Smith said so.\n\n4\n00:00:12,000 --> 00:00:16,000\nKevin: Yes, that works.\n", TranscriptFormat.Srt);
        var sentences = OfflineSentenceBuilder.Build(document);
        Assert.Equal(["It is so nice to show up.", "And Travis has already put together an outline.", "Dr. Smith said so.", "Yes, that works."], sentences.Select(s => s.Text));
        Assert.Equal(["Alban", "Alban", "Alban", "Kevin"], sentences.Select(s => s.Speaker));
        Assert.Equal(0, sentences[0].Start);
        Assert.InRange(sentences[1].Start, 4, 8);
    }

    [Fact]
    public void A_change_of_speaker_ends_a_sentence_and_unpunctuated_speech_is_capped()
    {
        var words = string.Join(' ', Enumerable.Range(0, 120).Select(i => "word" + i));
        var sentences = OfflineSentenceBuilder.Build(Document(
            new(0, 5, "Ada", "so we started without"),
            new(5, 9, "Grace", "punctuation at all"),
            new(9, 60, "Grace", words),
            new(60, 61, "Grace", "and more")));
        Assert.Equal("so we started without", sentences[0].Text);
        Assert.Equal("Grace", sentences[1].Speaker);
        Assert.All(sentences, s => Assert.InRange(s.WordCount, 1, 130));
    }

    [Fact]
    public void Unpunctuated_chinese_is_split_at_pauses_and_counted_by_characters()
    {
        // Speech-to-text output in Mandarin: long runs without punctuation, one cue per phrase, pauses between thoughts.
        var cues = Enumerable.Range(0, 40).Select(i => new TranscriptSegment(i * 3.0, (i * 3.0) + (i % 4 == 3 ? 1.5 : 2.9), null, "我们今天讨论播客行业的发展趋势")).ToArray();
        var sentences = OfflineSentenceBuilder.Build(Document(cues));
        Assert.True(sentences.Count >= 8, $"{sentences.Count} sentences");
        Assert.All(sentences, s => Assert.InRange(s.WordCount, 5, PodBrief.Core.Transcripts.TranscriptSentences.MaxWords));
    }

    [Fact]
    public void Card_text_drops_spoken_filler()
    {
        var body = CardTextComposer.Clean("so, um, you know, the the cost of batteries fell by 90 percent, uh, in ten years");
        Assert.Equal("The cost of batteries fell by 90 percent in ten years.", body);
    }

    [Fact]
    public void Card_text_drops_a_stutter_the_caption_put_a_comma_in_but_keeps_a_name_that_starts_a_clause()
    {
        Assert.Equal("You could break some rules, and you lose 90% of all of your downloads.", CardTextComposer.Clean("You could break some, some rules, and you lose 90% of, of all of your downloads."));
        Assert.Equal("Instead of 33% for Spotify, Spotify has 8%.", CardTextComposer.Clean("Instead of 33% for Spotify, Spotify has 8%."));
    }

    [Fact]
    public void Card_text_drops_a_restarted_phrase_and_a_hedge_between_commas_but_keeps_a_hypothetical()
    {
        Assert.Equal("Folks with a podcast feed will fill the inventory.", CardTextComposer.Clean("Folks with a with a podcast feed will fill the inventory."));
        Assert.Equal("Obviously if they came with money, I'm sure you'd say yes.", CardTextComposer.Clean("Obviously if they came with money, I'm, I'm sure you'd say yes."));
        Assert.Equal("H2O organized a public hackathon on wildfires.", CardTextComposer.Clean("H2O organized a public, let's say, hackathon on wildfires."));
        Assert.Equal("Wave has the most features, most widgets to use.", CardTextComposer.Clean("Wave has the most features, let's say, most widgets to use."));
        Assert.Equal("Let's say instead that you scheduled every interview in one week.", CardTextComposer.Clean("Let's say instead that you scheduled every interview in one week."));
        Assert.Equal("Bye now, see you next week.", CardTextComposer.Clean("Bye now, see you next week."));
    }

    [Fact]
    public void Card_text_drops_a_speaker_pointing_back_at_what_they_said()
    {
        // The card is read without the episode: "I've already said" points at nothing the reader heard.
        Assert.Equal("H2O Wave is a framework for dashboards in Python.", CardTextComposer.Clean("So basically I've already said H2O Wave is a framework for dashboards in Python."));
        Assert.Equal("The cache is rebuilt every night.", CardTextComposer.Clean("Like I said, the cache is rebuilt every night."));
    }

    [Fact]
    public void Card_text_drops_a_comma_left_before_a_full_stop()
    {
        Assert.Equal("Downloads are only down a small amount. Revenue is up.", CardTextComposer.Clean("Downloads are only down a small amount,. Revenue is up,."));
    }

    [Fact]
    public void Card_text_drops_the_conjunction_an_unpunctuated_sentence_ends_on()
    {
        // "…opens the page and | so that means…": the caption's "and" went with the clause after the break.
        Assert.Equal("The page stays live for everyone who opens it.", CardTextComposer.Clean("the page stays live for everyone who opens it and"));
        Assert.Equal("Salt and pepper.", CardTextComposer.Clean("salt and pepper"));
    }
}
