using PodBrief.Core.Data;

namespace PodBrief.Core.Transcripts;

/// <summary>One timed piece of a transcript (a cue, a sentence, a phrase). Times in seconds from the start.</summary>
public sealed record TranscriptSegment(double Start, double End, string? Speaker, string Text);

/// <summary>
/// A parsed transcript: time-ordered segments plus how they were obtained. What the parsers produce, what
/// <see cref="Transcript.SegmentsJson"/> stores and what the insight extractors read.
/// </summary>
public sealed record TranscriptDocument(
    IReadOnlyList<TranscriptSegment> Segments,
    TranscriptFormat Format,
    TranscriptProvenance Provenance,
    string? Language = null)
{
    /// <summary>Segment texts joined by single spaces: the normalized plain text.</summary>
    public string ToPlainText() => string.Join(' ', Segments.Select(s => s.Text));

    public double? DurationSeconds => Segments.Count == 0 ? null : Segments.Max(s => s.End);
}
