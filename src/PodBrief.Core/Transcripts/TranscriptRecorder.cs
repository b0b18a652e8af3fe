using PodBrief.Core.Common;
using PodBrief.Core.Common.Text;
using PodBrief.Core.Data;

namespace PodBrief.Core.Transcripts;

/// <summary>
/// Puts a parsed transcript on an episode (normalized text, segments, hash) and marks the transcript stage done.
/// The one place that does it, for downloaded transcripts and for the sample show that ships with the app.
/// </summary>
public static class TranscriptRecorder
{
    public static void Record(Episode episode, TranscriptDocument document, string? sourceUrl, string? mediaType, DateTime now, string? note)
    {
        var text = document.ToPlainText();
        var transcript = episode.Transcript ??= new Transcript { Text = text, SegmentsJson = "[]", ContentHash = "" };
        transcript.Provenance = document.Provenance;
        transcript.SourceFormat = document.Format;
        transcript.SourceUrl = sourceUrl;
        transcript.SourceMediaType = mediaType ?? TranscriptFormats.MediaTypeOf(document.Format);
        transcript.Language = document.Language;
        transcript.Text = text;
        transcript.SegmentsJson = TranscriptSegmentsJson.Serialize(document.Segments);
        transcript.SegmentCount = document.Segments.Count;
        transcript.DurationSeconds = document.Provenance == TranscriptProvenance.ShowNotes ? null : document.DurationSeconds;
        transcript.ContentHash = TranscriptHash.Of(text);
        transcript.FetchedAt = now;
        episode.TranscriptStatus = TranscriptStatus.Available;
        episode.TranscriptProvenance = document.Provenance;
        episode.TranscriptNextAttemptAt = null;
        // On a fallback, why the better sources failed stays visible on the admin page.
        episode.TranscriptLastError = note is null ? null : TextClip.Clip($"Used {document.Provenance}: {note}", 2000);
        episode.UpdatedAt = now;
        PodBriefTelemetry.TranscriptsStored.Add(1, new KeyValuePair<string, object?>("provenance", document.Provenance.ToString()));
    }
}
