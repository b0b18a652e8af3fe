using PodBrief.Core.Data;
using PodBrief.Core.Transcripts;
using PodBrief.Testing;

namespace PodBrief.Tests.Transcripts;

/// <summary>Every real-world transcript in the shared corpus parses to non-empty, time-ordered segments and sentences.</summary>
public class CorpusTranscriptTests
{
    /// <summary>file, format, segments, speakers the file names (| separated, empty: none), duration in seconds.</summary>
    public static TheoryData<string, TranscriptFormat, int, string, double> Expected => new()
    {
        { "buzzcast_buzzsprout_28min_podcastindex.html", TranscriptFormat.Html, 34, "Alban|Kevin|Travis|Tom|Dave", 1685 },
        { "buzzcast_buzzsprout_28min_podcastindex.json", TranscriptFormat.Json, 489, "Alban|Kevin|Travis|Tom|Dave", 1684.5 },
        { "buzzcast_buzzsprout_28min_speaker-prefixed.srt", TranscriptFormat.Srt, 488, "Alban|Kevin|Travis|Tom|Dave", 1684.5 },
        { "buzzsprout_10-things-rookie-mistakes_12min_namespace-example.srt", TranscriptFormat.Srt, 222, "Travis|Sarah|Gilon", 754.8 },
        { "buzzsprout_10-things-rookie-mistakes_namespace-example.html", TranscriptFormat.Html, 10, "Travis|Sarah|Gilon", 755 },
        { "buzzsprout_podcasting-qa-trailer_namespace-example_voice-tags.vtt", TranscriptFormat.WebVtt, 7, "Sarah|Gillian", 25.35 },
        { "namespace-spec_darth-vader_podcastindex.json", TranscriptFormat.Json, 2, "Darth Vader|Luke", 3.0 },
        { "podcasting20_episode124_37min.srt", TranscriptFormat.Srt, 646, "Adam Curry|Dave Jones|Unknown", 2255.9 },
        { "podnews-weekly-review_2023-03-17_html-no-speakers.html", TranscriptFormat.Html, 9, "Norma-Jean Belenky|Jingle", 3320 },
        { "podnews-weekly-review_2023-05-05_podcastindex.json", TranscriptFormat.Json, 67, "James C|Jingles|Sam Sethi|Nick Hilton|Chris Quamme Rhoden", 207.5 },
        { "podnews-weekly-review_2024-01-19_14min_nonstandard-short-timestamps.vtt", TranscriptFormat.WebVtt, 189, "SPEAKER_1|SPEAKER_2|SPEAKER_3|SPEAKER_4", 855.0 },
        { "talkpython-386_h2o-wave_full-episode_no-voice-tags.vtt", TranscriptFormat.WebVtt, 5536, "", 3936.1 },
        { "talkpython-386_h2o-wave_full-episode_plain-text-with-timestamps.txt", TranscriptFormat.PlainText, 772, "", 3919.6 },
    };

    [Theory, MemberData(nameof(Expected))]
    public void Corpus_transcript_parses_with_its_speakers_and_duration(
        string file, TranscriptFormat format, int segments, string speakers, double durationSeconds)
    {
        var path = Path.Combine(RepositoryPaths.RequireCorpus(), "transcripts", file);
        var document = TranscriptParser.Parse(File.ReadAllBytes(path), TranscriptFormats.FromUrl(path));

        Assert.Equal(format, document.Format);
        Assert.Equal(segments, document.Segments.Count);
        AssertWellFormed(document.Segments);
        var expectedSpeakers = speakers.Split('|', StringSplitOptions.RemoveEmptyEntries).Order().ToArray();
        var actualSpeakers = document.Segments.Select(s => s.Speaker).OfType<string>().Distinct().Order().ToArray();
        Assert.Equal(expectedSpeakers, actualSpeakers);
        // HTML and plain text give the last paragraph an estimated end: allow 5 %.
        Assert.InRange(document.DurationSeconds!.Value, durationSeconds * 0.95, durationSeconds * 1.05);

        var sentences = TranscriptSentences.Split(document);
        AssertWellFormed(sentences);
        Assert.True(sentences.Count >= Math.Min(segments, 2), $"{file}: only {sentences.Count} sentences");
        // No words lost or invented by sentence splitting.
        Assert.Equal(WordCount(document.Segments), WordCount(sentences));
    }

    [Fact]
    public void Every_corpus_transcript_is_in_the_table_or_at_least_parses()
    {
        var listed = Expected.Select(row => (string)row.Data.Item1).ToHashSet();
        foreach (var path in Directory.GetFiles(Path.Combine(RepositoryPaths.RequireCorpus(), "transcripts")))
        {
            if (listed.Contains(Path.GetFileName(path)))
            {
                continue;
            }
            var document = TranscriptParser.Parse(File.ReadAllBytes(path), TranscriptFormats.FromUrl(path));
            AssertWellFormed(document.Segments);
        }
    }

    private static void AssertWellFormed(IReadOnlyList<TranscriptSegment> segments)
    {
        Assert.NotEmpty(segments);
        for (var i = 0; i < segments.Count; i++)
        {
            Assert.False(string.IsNullOrWhiteSpace(segments[i].Text));
            Assert.True(segments[i].End >= segments[i].Start, $"segment {i} ends before it starts");
            Assert.True(i == 0 || segments[i].Start >= segments[i - 1].Start, $"segment {i} starts before segment {i - 1}");
        }
    }

    private static int WordCount(IEnumerable<TranscriptSegment> segments) =>
        segments.Sum(s => s.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
}
