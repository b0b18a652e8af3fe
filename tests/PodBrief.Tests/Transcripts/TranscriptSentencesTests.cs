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

    [Fact]
    public void Captions_that_stop_being_punctuated_half_way_are_split_at_pauses_and_clause_openers_there()
    {
        // Forty punctuated sentences, then run-on lower-case captions in two-word cues with no gaps: the second part
        // must still come out as sentences of readable length, not 60-word runs cut anywhere.
        var segments = new List<TranscriptSegment>();
        var t = 0.0;
        for (var i = 0; i < 40; i++, t += 4)
        {
            segments.Add(new TranscriptSegment(t, t + 4, null, $"Sentence number {i} says one small thing."));
        }
        var runOn = string.Join(' ', Enumerable.Repeat("the server keeps the data in memory for every user who opens the page and", 20))
            + " so that means the script can finish early but the page stays live for everyone who opens it later on the day";
        var words = runOn.Split(' ');
        for (var i = 0; i < words.Length; i += 2, t += 1)
        {
            segments.Add(new TranscriptSegment(t, t + 1, null, string.Join(' ', words.Skip(i).Take(2))));
        }

        var sentences = Split([.. segments]);

        var tail = sentences.Skip(40).ToList();
        Assert.True(tail.Count >= 2, $"the run-on part became {tail.Count} sentence(s)");
        Assert.Contains(tail, s => s.Text.StartsWith("so that means", StringComparison.Ordinal));
        // At most the 40 words a quote may have, even where nothing marks a boundary.
        Assert.All(tail, s => Assert.InRange(s.Text.Split(" ").Length, 1, 40));
    }

    [Fact]
    public void Long_unpunctuated_lines_are_cut_at_a_clause_opener_inside_a_line_not_at_the_line_end()
    {
        // Timestamped lines of 12–15 words with no gaps and no punctuation: every thought ends inside a line, so a cut
        // at a line end would leave "…in your hello world example you have" / "this idea of an expression…".
        string[] lines =
        [
            "the server keeps every chart in memory for each user who opens the page",
            "and renders it again whenever the data changes so in your hello world example you have",
            "this idea of an expression that sends the values over the socket to the browser",
            "which is much faster than sending the whole page every time it changes at all",
        ];
        var cues = Enumerable.Range(0, 12).Select(i => new TranscriptSegment(i * 5, (i * 5) + 5, "Martin", lines[i % lines.Length])).ToArray();

        var sentences = Split(cues);

        Assert.Contains(sentences, s => s.Text.StartsWith("so in your hello world example you have this idea of an expression", StringComparison.Ordinal));
        Assert.DoesNotContain(sentences, s => s.Text.EndsWith("example you have", StringComparison.Ordinal));
        // The text is the lines' own, in order, nothing lost or repeated.
        Assert.Equal(string.Join(' ', cues.Select(c => c.Text)), string.Join(' ', sentences.Select(s => s.Text)));
        // A sentence that starts inside a line starts at its share of that line's time.
        var opener = sentences.First(s => s.Text.StartsWith("so in your", StringComparison.Ordinal));
        Assert.InRange(opener.Start, 5.5, 9.5);
    }

    [Theory]
    [InlineData("rerun the script for every", "user as you would normally do")]
    [InlineData("rerun the script for every single", "user as you would normally do")]
    [InlineData("if you really need to include some", "third-party libraries in JavaScript")]
    public void A_cue_that_ends_on_a_determiner_waiting_for_its_noun_is_weaker_evidence_than_one_that_ends_on_the_noun(string before, string after)
    {
        // The same boundary moved one word on, past the noun: "…for every single user | as you would…".
        var noun = after.Split(' ')[0];
        var cut = UnpunctuatedBreaks.Evidence(new TranscriptSegment(0, 2, null, before), new TranscriptSegment(2, 4, null, after));
        var whole = UnpunctuatedBreaks.Evidence(new TranscriptSegment(0, 2, null, before + " " + noun), new TranscriptSegment(2, 4, null, after[(noun.Length + 1)..]));

        Assert.True(cut < whole, $"cut after '{before.Split(' ')[^1]}' scored {cut}, after '{noun}' {whole}");
    }

    [Fact]
    public void Word_level_captions_without_punctuation_are_cut_where_the_speaker_pauses_not_at_a_word_count()
    {
        // One word per cue, 50 ms apart, a 0.6-second pause between thoughts (shorter than a deliberate silence) and
        // a "but" after the second: a cut at a fixed word count would land on "…needed a | lot of memory we…".
        string[] thoughts =
        [
            "the model runs on a single machine for most teams and it keeps every chart in memory while the page is open which is why the first version of the app needed a lot of memory",
            "we rewrote the server so that one process serves every tab and memory use dropped to a tenth of what it was",
            "but nobody noticed the difference at all",
        ];
        var cues = new List<TranscriptSegment>();
        var t = 0.0;
        // Three times over, so the stretch is long enough to count as unpunctuated speech.
        foreach (var (thought, index) in thoughts.Concat(thoughts).Concat(thoughts).Select((x, i) => (x, i)))
        {
            t += index % 3 == 2 ? 0.05 : 0.6;
            foreach (var word in thought.Split(' '))
            {
                cues.Add(new TranscriptSegment(t, t + 0.3, "Martin", word));
                t += 0.35;
            }
        }

        var sentences = Split([.. cues]);

        Assert.Equal([.. thoughts, .. thoughts, .. thoughts], sentences.Select(s => s.Text));
    }
}
