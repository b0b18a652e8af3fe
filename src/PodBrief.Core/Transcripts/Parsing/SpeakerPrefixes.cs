using System.Text.RegularExpressions;

namespace PodBrief.Core.Transcripts.Parsing;

/// <summary>
/// Finds "Name: text" speaker labels at the start of cues (Buzzsprout, Descript and Otter exports) and carries
/// each name to the following cues of the same turn, until the next label. A label must look like a name — one
/// to four capitalized words or a diarization tag like SPEAKER_1 — and, unless it opens the transcript, the file
/// must use the convention more than once, so a lone sentence such as "Python: it is great" is not taken for a speaker.
/// </summary>
public static partial class SpeakerPrefixes
{
    private static readonly HashSet<string> NotNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "Note", "Notes", "Update", "Warning", "Example", "Answer", "Question", "Yes", "No", "So", "Well", "Okay",
        "Ok", "And", "But", "Now", "Here", "There", "This", "That", "Step", "Tip", "Edit", "PS", "Http", "Https",
        "Chapter", "Part", "Source", "Sources", "Link", "Links", "Music", "Intro", "Outro",
    };

    public static IReadOnlyList<TranscriptSegment> Apply(IReadOnlyList<TranscriptSegment> segments)
    {
        var labels = new (string Name, string Remainder)?[segments.Count];
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < segments.Count; i++)
        {
            if (segments[i].Speaker is null && TrySplit(segments[i].Text, out var name, out var rest))
            {
                labels[i] = (name, rest);
                counts[name] = counts.GetValueOrDefault(name) + 1;
            }
        }
        if (counts.Count == 0)
        {
            return segments;
        }
        var conventionUsed = counts.Values.Sum() >= 2;
        var result = new List<TranscriptSegment>(segments.Count);
        string? current = null;
        for (var i = 0; i < segments.Count; i++)
        {
            var segment = segments[i];
            if (segment.Speaker is not null)
            {
                current = null; // an explicit voice ends a carried label
                result.Add(segment);
                continue;
            }
            if (labels[i] is { } label && (conventionUsed || i == 0))
            {
                current = label.Name;
                if (label.Remainder.Length > 0)
                {
                    result.Add(segment with { Speaker = current, Text = label.Remainder });
                }
                continue;
            }
            result.Add(current is null ? segment : segment with { Speaker = current });
        }
        return result;
    }

    /// <summary>Splits "Adam Curry: hello" into the name and the rest, when the start looks like a speaker label.</summary>
    public static bool TrySplit(string text, out string name, out string rest)
    {
        name = rest = string.Empty;
        var match = LabelPattern().Match(text);
        if (!match.Success)
        {
            return false;
        }
        var candidate = match.Groups["name"].Value.Trim();
        var firstWord = candidate.Split(' ', 2)[0];
        if (candidate.Length > 40 || NotNames.Contains(firstWord) || NotNames.Contains(candidate))
        {
            return false;
        }
        name = candidate;
        rest = text[match.Length..].Trim();
        return true;
    }

    // One to four words, each capitalized (Adam, McKay, O'Brien, Jean-Luc, Sam Sethi, Dr.), or a diarization tag
    // (SPEAKER_1, Speaker 2); then a colon and a space or the end. "12:30" and "http://" never match.
    [GeneratedRegex(@"^(?<name>(?:\p{Lu}[\p{L}'’.\-]*|SPEAKER_\d+)(?:\s+(?:\p{Lu}[\p{L}'’.\-]*|\d{1,2}|de|van|von|da|del|la|le)){0,3}):(?:\s+|$)")]
    private static partial Regex LabelPattern();
}
