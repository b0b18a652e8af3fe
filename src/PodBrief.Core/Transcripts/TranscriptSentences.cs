namespace PodBrief.Core.Transcripts;

/// <summary>
/// Turns timed segments (cues, phrases, words) into timed sentences with speakers: what the extractors and the
/// grounding gate work on. (Refined by the transcript work: merging word-level JSON, cue line breaks.)
/// </summary>
public static class TranscriptSentences
{
    public static IReadOnlyList<TranscriptSegment> Split(TranscriptDocument document) => document.Segments;
}
