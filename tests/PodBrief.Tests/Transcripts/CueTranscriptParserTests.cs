using System.Text;
using PodBrief.Core.Data;
using PodBrief.Core.Transcripts;

namespace PodBrief.Tests.Transcripts;

public class CueTranscriptParserTests
{
    [Fact]
    public void WebVtt_voice_tags_entities_settings_and_note_blocks()
    {
        const string vtt = """
            WEBVTT - a title
            Kind: captions

            NOTE This is a comment
            that spans two lines -->

            STYLE
            ::cue { color: yellow }

            intro-1
            00:00:01.000 --> 00:00:04.500 align:start position:10%
            <v.loud Ada Lovelace>Fish &amp; chips &lt;3</v>

            00:00:04.500 --> 00:00:07.000
            <v Grace>Hello <i>there</i>, <c.yellow>friend</c><00:00:06.000> indeed.

            00:00:07.000 --> 00:00:09.000
            <v Ada Lovelace>Yes.</v> <v Grace>No.</v>
            """;

        var document = TranscriptParser.Parse(vtt, TranscriptFormat.WebVtt);

        Assert.Equal(TranscriptFormat.WebVtt, document.Format);
        Assert.Collection(document.Segments,
            s => Assert.Equal(new TranscriptSegment(1, 4.5, "Ada Lovelace", "Fish & chips <3"), s),
            s => Assert.Equal(new TranscriptSegment(4.5, 7, "Grace", "Hello there, friend indeed."), s),
            s => Assert.Equal(new TranscriptSegment(7, 9, "Ada Lovelace", "Yes."), s),
            s => Assert.Equal(new TranscriptSegment(7, 9, "Grace", "No."), s));
    }

    [Fact]
    public void WebVtt_non_standard_short_timestamps_and_hours_appearing_past_the_first_hour()
    {
        const string vtt = """
            WEBVTT

            0.860 --> 7.380
            Seconds only.

            3:40.700 --> 3:45.000
            Minutes and seconds.

            59:58.000 --> 1:00:02.500
            Across the hour.

            01:00:02.500 --> 01:00:05.000
            Past the hour.
            """;

        var segments = TranscriptParser.Parse(vtt, TranscriptFormat.WebVtt).Segments;

        Assert.Equal([0.86, 220.7, 3598, 3602.5], segments.Select(s => Math.Round(s.Start, 3)));
        Assert.Equal([7.38, 225, 3602.5, 3605], segments.Select(s => Math.Round(s.End, 3)));
    }

    [Fact]
    public void Srt_multi_line_cues_with_speaker_labels_carried_through_the_turn()
    {
        const string srt = "\uFEFF1\r\n00:00:00,179 --> 00:00:02,399\r\nTravis: When you first get\r\nstarted in podcasting, it's\r\n\r\n"
            + "2\r\n00:00:02,400 --> 00:00:04,799\r\nalmost guaranteed.\r\n\r\n"
            + "3\r\n00:00:04,801 --> 00:00:07,980\r\nSarah: Note: that is <i>not</i> a speaker.\r\n\r\n"
            + "4\r\n00:00:07,980 --> 00:00:09,000\r\nAnd the turn goes on.\r\n";

        var segments = TranscriptParser.Parse(srt, TranscriptFormat.Srt).Segments;

        Assert.Collection(segments,
            s => Assert.Equal(new TranscriptSegment(0.179, 2.399, "Travis", "When you first get started in podcasting, it's"), s),
            s => Assert.Equal(new TranscriptSegment(2.4, 4.799, "Travis", "almost guaranteed."), s),
            s => Assert.Equal(new TranscriptSegment(4.801, 7.98, "Sarah", "Note: that is not a speaker."), s),
            s => Assert.Equal(new TranscriptSegment(7.98, 9, "Sarah", "And the turn goes on."), s));
    }

    [Fact]
    public void Srt_without_blank_lines_between_cues_still_splits_on_timing_lines()
    {
        const string srt = "1\n00:00:01,000 --> 00:00:02,000\nFirst cue.\n2\n00:00:02,000 --> 00:00:03,000\nSecond cue.\n";

        var segments = TranscriptParser.Parse(srt, TranscriptFormat.Srt).Segments;

        Assert.Equal(["First cue.", "Second cue."], segments.Select(s => s.Text));
    }

    [Fact]
    public void A_single_colon_sentence_in_a_file_without_labels_is_not_a_speaker()
    {
        const string srt = "1\n00:00:01,000 --> 00:00:02,000\nHello there.\n\n2\n00:00:02,000 --> 00:00:03,000\nPython: it is great.\n";

        var segments = TranscriptParser.Parse(srt, TranscriptFormat.Srt).Segments;

        Assert.All(segments, s => Assert.Null(s.Speaker));
        Assert.Equal("Python: it is great.", segments[1].Text);
    }

    [Fact]
    public void Cues_ordered_by_time_and_empty_or_music_only_cues_dropped()
    {
        const string vtt = "WEBVTT\n\n00:00:05.000 --> 00:00:06.000\nLater.\n\n00:00:01.000 --> 00:00:02.000\nEarlier.\n\n"
            + "00:00:03.000 --> 00:00:03.000\n♪ ♪\n\n00:00:04.000 --> 00:00:03.500\nBackwards end.\n";

        var segments = TranscriptParser.Parse(vtt, TranscriptFormat.WebVtt).Segments;

        Assert.Equal(["Earlier.", "Backwards end.", "Later."], segments.Select(s => s.Text));
        Assert.Equal(4, segments[1].End);
    }

    [Fact]
    public void Latin1_without_a_declaration_decodes_right()
    {
        var bytes = Encoding.Latin1.GetBytes("1\n00:00:01,000 --> 00:00:02,000\nCafé crème à la française, déjà vu.\n");

        var segments = TranscriptParser.Parse(bytes, TranscriptFormat.Srt).Segments;

        Assert.Equal("Café crème à la française, déjà vu.", Assert.Single(segments).Text);
    }
}
