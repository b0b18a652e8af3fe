using System.Globalization;
using System.Text.Json;
using PodBrief.Core.Data;

namespace PodBrief.Core.Transcripts.Parsing;

/// <summary>
/// Parses the Podcast Index JSON transcript (podcast namespace, transcripts.md):
/// <c>{"version":"1.0.0","segments":[{"speaker","startTime","endTime","body"}]}</c>. Real files are word-level
/// (one word per segment), phrase-level, or line-split cues that repeat the same start/end; all are merged into
/// phrases here so the sentence splitter sees running text. Whitespace-only segments are dropped, punctuation-only
/// ones glued to the word before, zero-length ones kept (a word said in no measurable time is still said).
/// </summary>
public static class PodcastIndexJsonParser
{
    /// <summary>Word-level input is merged into phrases of at most this many words (when no sentence ends sooner).</summary>
    private const int MaxMergedWords = 40;

    /// <summary>A pause this long between words starts a new phrase.</summary>
    private const double PauseSeconds = 1.5;

    public static TranscriptDocument Parse(string content)
    {
        using var json = JsonDocument.Parse(content, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 16 });
        var root = json.RootElement;
        var array = root.ValueKind switch
        {
            JsonValueKind.Array => root,
            JsonValueKind.Object when TryGet(root, "segments", out var s) && s.ValueKind == JsonValueKind.Array => s,
            _ => throw new FormatException("JSON transcript has no \"segments\" array."),
        };
        var raw = new List<TranscriptSegment>();
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                continue;
            }
            var body = ReadString(item, "body") ?? ReadString(item, "text") ?? string.Empty;
            var start = ReadNumber(item, "startTime") ?? ReadNumber(item, "start") ?? 0;
            var end = ReadNumber(item, "endTime") ?? ReadNumber(item, "end") ?? start;
            var speaker = ReadString(item, "speaker");
            raw.Add(new TranscriptSegment(start, Math.Max(start, end), string.IsNullOrWhiteSpace(speaker) ? null : speaker.Trim(), body));
        }
        return new TranscriptDocument(Merge(raw), TranscriptFormat.Json, TranscriptProvenance.Publisher);
    }

    private static List<TranscriptSegment> Merge(List<TranscriptSegment> raw)
    {
        var cleaned = new List<TranscriptSegment>(raw.Count);
        foreach (var segment in raw)
        {
            var text = TranscriptText.Collapse(TranscriptText.StripMarkup(segment.Text));
            if (text.Length == 0)
            {
                continue;
            }
            if (TranscriptText.HasNoWords(text))
            {
                // "." or "," after a word: it belongs to that word.
                if (cleaned.Count > 0)
                {
                    var last = cleaned[^1];
                    cleaned[^1] = last with { Text = last.Text + text, End = Math.Max(last.End, segment.End) };
                }
                continue;
            }
            cleaned.Add(segment with { Text = text });
        }
        // Stable: equal start times keep file order (line-split cues repeat the same times).
        var ordered = cleaned.OrderBy(s => s.Start).ToList();
        var wordLevel = ordered.Count > 0 && ordered.Average(s => TranscriptText.CountWords(s.Text)) < 2.5;
        var merged = new List<TranscriptSegment>();
        foreach (var segment in ordered)
        {
            if (merged.Count > 0 && ShouldJoin(merged[^1], segment, wordLevel))
            {
                var last = merged[^1];
                merged[^1] = last with { End = Math.Max(last.End, segment.End), Text = last.Text + " " + segment.Text };
            }
            else
            {
                merged.Add(segment);
            }
        }
        return merged;
    }

    private static bool ShouldJoin(TranscriptSegment previous, TranscriptSegment next, bool wordLevel)
    {
        if (previous.Speaker != next.Speaker)
        {
            return false;
        }
        // Line-split cues: the same span written twice is one cue.
        if (Math.Abs(previous.Start - next.Start) < 0.0005 && Math.Abs(previous.End - next.End) < 0.0005)
        {
            return true;
        }
        if (!wordLevel || next.Start - previous.End > PauseSeconds)
        {
            return false;
        }
        var trimmed = previous.Text.TrimEnd('"', '\'', '”', '’', ')');
        var ended = trimmed.Length > 0 && trimmed[^1] is '.' or '!' or '?' or '…';
        return !ended && TranscriptText.CountWords(previous.Text) < MaxMergedWords;
    }

    private static bool TryGet(JsonElement element, string name, out JsonElement value)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return true;
            }
        }
        value = default;
        return false;
    }

    private static string? ReadString(JsonElement element, string name) =>
        TryGet(element, name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        } : null;

    private static double? ReadNumber(JsonElement element, string name)
    {
        if (!TryGet(element, name, out var value))
        {
            return null;
        }
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number))
        {
            return Valid(number);
        }
        if (value.ValueKind == JsonValueKind.String)
        {
            var text = value.GetString();
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
            {
                return Valid(parsed);
            }
            if (text is not null && TranscriptTimestamp.TryParse(text, out var timestamp))
            {
                return timestamp;
            }
        }
        return null;
    }

    private static double? Valid(double seconds) => double.IsFinite(seconds) && seconds >= 0 ? seconds : null;
}
