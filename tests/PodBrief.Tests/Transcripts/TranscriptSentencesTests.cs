using PodBrief.Core.Data;
using PodBrief.Core.Transcripts;

namespace PodBrief.Tests.Transcripts;

public class TranscriptSentencesTests
{
    private static IReadOnlyList<TranscriptSegment> Split(params TranscriptSegment[] segments) =>
        TranscriptSentences.Split(new TranscriptDocument(segments, TranscriptFormat.Srt, TranscriptProvenance.Publisher));

    [Fact]
    public void Sentences_across_cues_keep_the_start_of_the_cue_they_start_in_and_their_speaker()
    {
        var sentences = Split(
            new TranscriptSegment(10, 12, "Ada", "Large models can be"),
            new TranscriptSegment(12, 14, "Ada", "distilled cheaply."),
            new TranscriptSegment(14, 16, "Grace", "Open models"),
            new TranscriptSegment(16, 18, "Grace", "will win."));

        Assert.Collection(sentences,
            s => Assert.Equal(new TranscriptSegment(10, 14, "Ada", "Large models can be distilled cheaply."), s),
            s => Assert.Equal(new TranscriptSegment(14, 18, "Grace", "Open models will win."), s));
    }

    [Fact]
    public void A_sentence_starting_mid_cue_gets_a_time_inside_the_cue()
    {
        // 20 characters then the second sentence: half-way through a 10-second cue.
        var sentences = Split(new TranscriptSegment(100, 110, null, "One two three four. Five six seven eig"));

        Assert.Equal(2, sentences.Count);
        Assert.Equal(100, sentences[0].Start);
        Assert.Equal(100 + (10.0 * 20 / 38), sentences[1].Start, 6);
        Assert.Equal(110, sentences[1].End);
    }

    [Fact]
    public void Abbreviations_initials_decimals_and_lower_case_continuations_do_not_end_sentences()
    {
        var sentences = Split(new TranscriptSegment(0, 30, "Ada",
            "Mr. Jones met Dr. Smith at 3.5 p.m. in the U.S. with J. R. Tolkien, e.g. at home. Then what? It ended!"));

        Assert.Equal(
            ["Mr. Jones met Dr. Smith at 3.5 p.m. in the U.S. with J. R. Tolkien, e.g. at home.", "Then what?", "It ended!"],
            sentences.Select(s => s.Text));
    }

    [Fact]
    public void Unpunctuated_captions_are_cut_at_a_cue_boundary_after_the_word_limit()
    {
        var words = string.Join(' ', Enumerable.Repeat("word", 25));
        var cues = Enumerable.Range(0, 8).Select(i => new TranscriptSegment(i * 5, (i * 5) + 5, "Adam", words)).ToArray();

        var sentences = Split(cues);

        Assert.True(sentences.Count >= 3);
        Assert.All(sentences, s => Assert.True(s.Text.Split(' ').Length <= TranscriptSentences.MaxWords + 25));
        Assert.Equal(0, sentences[0].Start);
        Assert.Equal(200, sentences.Sum(s => s.Text.Split(' ').Length));
    }
}
