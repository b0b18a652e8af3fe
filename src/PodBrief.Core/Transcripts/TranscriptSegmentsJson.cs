using System.Text.Json;
using System.Text.Json.Serialization;
using PodBrief.Core.Data;

namespace PodBrief.Core.Transcripts;

/// <summary>The one JSON shape of <see cref="Transcript.SegmentsJson"/>: [{"s":1.2,"e":3.4,"sp":"Ada","t":"text"}].</summary>
public static class TranscriptSegmentsJson
{
    private sealed record Row(
        [property: JsonPropertyName("s")] double Start,
        [property: JsonPropertyName("e")] double End,
        [property: JsonPropertyName("sp")] string? Speaker,
        [property: JsonPropertyName("t")] string Text);

    private static readonly JsonSerializerOptions Options = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public static string Serialize(IEnumerable<TranscriptSegment> segments) =>
        JsonSerializer.Serialize(segments.Select(s => new Row(Math.Round(s.Start, 3), Math.Round(s.End, 3), s.Speaker, s.Text)), Options);

    public static IReadOnlyList<TranscriptSegment> Deserialize(string json) =>
        (JsonSerializer.Deserialize<List<Row>>(json, Options) ?? [])
            .Select(r => new TranscriptSegment(r.Start, r.End, r.Speaker, r.Text))
            .ToList();

    /// <summary>Rebuilds the parsed document from a stored transcript row.</summary>
    public static TranscriptDocument ToDocument(this Transcript transcript) =>
        new(Deserialize(transcript.SegmentsJson), transcript.SourceFormat, transcript.Provenance, transcript.Language);
}
