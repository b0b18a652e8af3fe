using PodBrief.Core.Transcripts;
using PodBrief.Core.Transcripts.Parsing;

namespace PodBrief.Core.Insights;

/// <summary>One sentence of a transcript as the offline extractor sees it: its text, words, start and speaker.</summary>
internal sealed record CandidateSentence(int Index, string Text, int WordCount, double Start, string? Speaker);

/// <summary>
/// The offline extractor's sentences are the product's one sentence split (<see cref="TranscriptSentences"/>):
/// the same splitter, abbreviation list and speaker rule as the grounding gate and the LLM chunker use
/// (issue 10, item 14). This only numbers them and counts their words.
/// </summary>
internal static class OfflineSentenceBuilder
{
    public static List<CandidateSentence> Build(TranscriptDocument document) =>
        [.. TranscriptSentences.Split(document).Select((s, i) => new CandidateSentence(i, s.Text, TranscriptText.CountWords(s.Text), s.Start, s.Speaker))];
}
