using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using PodBrief.Core.Data;
using PodBrief.Core.Transcripts;

namespace PodBrief.Testing.Insights;

/// <summary>
/// A deliberately small reader of the corpus transcript files (SRT, WebVTT, Podcast Index JSON, HTML and
/// timestamped text) so the insight tests and benchmarks do not depend on the transcript parsers' branch.
/// It is not the product's parser: it only needs to be faithful enough to give real, timed segments.
/// </summary>
public static partial class CorpusTranscriptReader
{
    [GeneratedRegex(@"(?<start>(?:\d+:)?(?:\d+:)?\d+(?:[.,]\d+)?)\s*-->\s*(?<end>(?:\d+:)?(?:\d+:)?\d+(?:[.,]\d+)?)")]
    private static partial Regex CueTiming();

    [GeneratedRegex(@"^<v\s+(?<name>[^>]+)>")]
    private static partial Regex VoiceTag();

    [GeneratedRegex(@"<[^>]+>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"(?:<cite>(?<speaker>[^<]*)</cite>\s*)?<time>(?<time>[\d:.]+)</time>\s*<p>(?<text>.*?)</p>", RegexOptions.Singleline)]
    private static partial Regex HtmlParagraph();

    [GeneratedRegex(@"^(?<time>\d{1,2}:\d{2}(?::\d{2})?)\s+(?<text>.+)$", RegexOptions.Multiline)]
    private static partial Regex TimedLine();

    public static TranscriptDocument Read(string path)
    {
        var text = File.ReadAllText(path);
        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".srt" => new TranscriptDocument(ReadCues(text, TranscriptFormat.Srt), TranscriptFormat.Srt, TranscriptProvenance.Publisher, "en"),
            ".vtt" => new TranscriptDocument(ReadCues(text, TranscriptFormat.WebVtt), TranscriptFormat.WebVtt, TranscriptProvenance.Publisher, "en"),
            ".json" => new TranscriptDocument(ReadJson(text), TranscriptFormat.Json, TranscriptProvenance.Publisher, "en"),
            ".html" => new TranscriptDocument(ReadHtml(text), TranscriptFormat.Html, TranscriptProvenance.Publisher, "en"),
            _ => new TranscriptDocument(ReadTimedText(text), TranscriptFormat.PlainText, TranscriptProvenance.Publisher, "en"),
        };
    }

    /// <summary>The transcript files of the corpus (null when the corpus is absent).</summary>
    public static IEnumerable<string> Files(string corpus) =>
        Directory.EnumerateFiles(Path.Combine(corpus, "transcripts")).Order(StringComparer.Ordinal);

    private static List<TranscriptSegment> ReadCues(string text, TranscriptFormat format)
    {
        var segments = new List<TranscriptSegment>();
        foreach (var block in Regex.Split(text.Replace("\r\n", "\n", StringComparison.Ordinal).Trim('\uFEFF', '\n'), @"\n\s*\n"))
        {
            var lines = block.Split('\n');
            var timing = lines.Select((l, i) => (Match: CueTiming().Match(l), i)).FirstOrDefault(x => x.Match.Success);
            if (timing.Match is null)
            {
                continue;
            }
            string? speaker = null;
            var textLines = new List<string>();
            foreach (var line in lines.Skip(timing.i + 1))
            {
                var l = line;
                if (format == TranscriptFormat.WebVtt && VoiceTag().Match(l) is { Success: true } voice)
                {
                    speaker = voice.Groups["name"].Value.Trim();
                    l = l[voice.Length..];
                }
                textLines.Add(WebUtility.HtmlDecode(Tag().Replace(l, string.Empty)).Trim());
            }
            var cue = string.Join(' ', textLines.Where(l => l.Length > 0));
            if (cue.Length > 0)
            {
                segments.Add(new TranscriptSegment(Seconds(timing.Match.Groups["start"].Value), Seconds(timing.Match.Groups["end"].Value), speaker, cue));
            }
        }
        return segments;
    }

    private static List<TranscriptSegment> ReadJson(string text)
    {
        using var json = JsonDocument.Parse(text);
        return json.RootElement.GetProperty("segments").EnumerateArray()
            .Select(s => new TranscriptSegment(
                s.GetProperty("startTime").GetDouble(),
                s.GetProperty("endTime").GetDouble(),
                s.TryGetProperty("speaker", out var sp) ? sp.GetString() : null,
                s.GetProperty("body").GetString()?.Trim() ?? string.Empty))
            .Where(s => s.Text.Length > 0)
            .ToList();
    }

    private static List<TranscriptSegment> ReadHtml(string text)
    {
        var matches = HtmlParagraph().Matches(text).ToList();
        var segments = new List<TranscriptSegment>();
        string? speaker = null;
        for (var i = 0; i < matches.Count; i++)
        {
            var m = matches[i];
            if (m.Groups["speaker"].Success)
            {
                speaker = WebUtility.HtmlDecode(m.Groups["speaker"].Value).Trim().TrimEnd(':');
            }
            var start = Seconds(m.Groups["time"].Value);
            var end = i + 1 < matches.Count ? Seconds(matches[i + 1].Groups["time"].Value) : start + 30;
            var body = WebUtility.HtmlDecode(Tag().Replace(m.Groups["text"].Value, " "));
            segments.Add(new TranscriptSegment(start, Math.Max(start, end), speaker, Regex.Replace(body, @"\s+", " ").Trim()));
        }
        return segments;
    }

    private static List<TranscriptSegment> ReadTimedText(string text)
    {
        var matches = TimedLine().Matches(text.Replace("\r\n", "\n", StringComparison.Ordinal)).ToList();
        return matches.Select((m, i) =>
        {
            var start = Seconds(m.Groups["time"].Value);
            var end = i + 1 < matches.Count ? Seconds(matches[i + 1].Groups["time"].Value) : start + 5;
            return new TranscriptSegment(start, Math.Max(start, end), null, m.Groups["text"].Value.Trim());
        }).ToList();
    }

    /// <summary>"1:02:03.5", "02:03,5", "3.480" → seconds.</summary>
    private static double Seconds(string value)
    {
        var parts = value.Replace(',', '.').Split(':');
        var seconds = 0.0;
        foreach (var part in parts)
        {
            seconds = (seconds * 60) + double.Parse(part, CultureInfo.InvariantCulture);
        }
        return seconds;
    }
}
