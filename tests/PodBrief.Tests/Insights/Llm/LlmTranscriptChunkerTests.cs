using PodBrief.Core.Data;
using PodBrief.Core.Insights.Llm;
using PodBrief.Core.Transcripts;

namespace PodBrief.Tests.Insights.Llm;

public class LlmTranscriptChunkerTests
{
    private static TranscriptDocument Sentences(int count) => new(
        [.. Enumerable.Range(0, count).Select(i => new TranscriptSegment(i * 4, (i * 4) + 4, null,
            $"Sentence {i} says something about databases, queues and the people who run them."))],
        TranscriptFormat.PlainText, TranscriptProvenance.Publisher);

    [Fact]
    public void A_short_transcript_is_one_chunk_with_all_its_text()
    {
        var transcript = Sentences(10);
        var chunk = Assert.Single(LlmTranscriptChunker.Split(transcript, 1000, 50));
        Assert.Equal(transcript.ToPlainText(), chunk);
    }

    [Fact]
    public void Long_transcripts_make_balanced_chunks_within_the_limit_that_overlap_a_little()
    {
        var transcript = Sentences(400);
        var chunks = LlmTranscriptChunker.Split(transcript, 2000, 100);

        var sizes = chunks.Select(LlmTranscriptChunker.CountTokens).ToList();
        Assert.True(chunks.Count >= 3, $"{chunks.Count} chunks");
        Assert.All(sizes, size => Assert.InRange(size, 1, 2000));
        Assert.True(sizes.Max() - sizes.Min() < 400, string.Join(", ", sizes));
        for (var i = 1; i < chunks.Count; i++)
        {
            // The next chunk starts with the previous chunk's last sentence(s)...
            var firstSentence = chunks[i][..(chunks[i].IndexOf('.', StringComparison.Ordinal) + 1)];
            Assert.Contains(firstSentence, chunks[i - 1], StringComparison.Ordinal);
            // ...but repeats no more than the overlap budget.
            Assert.DoesNotContain(chunks[i][..Math.Min(chunks[i].Length, 2000)], chunks[i - 1], StringComparison.Ordinal);
        }
        // Nothing is lost: every sentence is in some chunk.
        Assert.All(transcript.Segments, s => Assert.Contains(chunks, c => c.Contains(s.Text, StringComparison.Ordinal)));
        var sent = sizes.Sum();
        Assert.InRange(sent, LlmTranscriptChunker.CountTokens(transcript.ToPlainText()), LlmTranscriptChunker.CountTokens(transcript.ToPlainText()) * 1.1);
    }

    [Fact]
    public void A_single_huge_segment_is_cut_by_tokens()
    {
        var text = string.Join(' ', Enumerable.Repeat("one long monologue without any cue breaks at all", 600));
        var transcript = new TranscriptDocument([new TranscriptSegment(0, 3600, null, text)], TranscriptFormat.PlainText, TranscriptProvenance.Publisher);

        var chunks = LlmTranscriptChunker.Split(transcript, 1500, 0);

        Assert.True(chunks.Count >= 3);
        Assert.All(chunks, c => Assert.InRange(LlmTranscriptChunker.CountTokens(c), 1, 1500));
    }
}
