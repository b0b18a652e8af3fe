using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using PodBrief.Core.Data;

namespace PodBrief.Core.Transcripts.Parsing;

/// <summary>
/// Parses the Podcast Index HTML transcript: repeated <c>&lt;cite&gt;Speaker:&lt;/cite&gt; &lt;time&gt;m:ss&lt;/time&gt;
/// &lt;p&gt;text&lt;/p&gt;</c>, as a bare fragment or inside a document, cite optional. AngleSharp parses it the way a
/// browser would (entities, comments, unclosed tags, no scripts run). A paragraph ends where the next timed one
/// starts; the last one gets a length from its word count. Without any &lt;time&gt; the times are all 0, which
/// the downstream stages treat as "no meaningful time" rather than inventing one.
/// </summary>
public static class HtmlTranscriptParser
{
    /// <summary>A conversational speaking rate, used only to give the final paragraph an end.</summary>
    private const double WordsPerSecond = 2.5;

    public static TranscriptDocument Parse(string content)
    {
        var parser = new HtmlParser(new HtmlParserOptions { IsScripting = false });
        using var document = parser.ParseDocument(content);
        var root = (IElement?)document.Body ?? document.DocumentElement;
        var pieces = new List<(double? Time, string? Speaker, string Text)>();
        string? speaker = null;
        double? time = null;
        var sequence = new TimestampSequence();
        foreach (var element in root.QuerySelectorAll("cite, time, p, h1, h2, h3, h4, h5, h6"))
        {
            switch (element.LocalName)
            {
                case "cite":
                    var name = TranscriptText.Collapse(element.TextContent).TrimEnd(':').Trim();
                    speaker = name.Length is > 0 and <= 60 ? name : null;
                    break;
                case "time":
                    var written = element.GetAttribute("datetime") is { } attribute && TranscriptTimestamp.TryParse(attribute, out _)
                        ? attribute
                        : element.TextContent;
                    if (TranscriptTimestamp.TryParse(written, out var seconds))
                    {
                        time = sequence.Next(seconds, written);
                    }
                    break;
                case "p":
                    var text = TranscriptText.Collapse(element.TextContent);
                    if (text.Length > 0 && !TranscriptText.HasNoWords(text))
                    {
                        pieces.Add((time, speaker, text));
                    }
                    break;
                default:
                    break; // headings reset nothing; they are titles, not speech
            }
        }
        if (pieces.Count == 0)
        {
            // No paragraphs at all: treat the visible text as one plain-text transcript.
            return PlainTextTranscriptParser.Parse(root.TextContent) with { Format = TranscriptFormat.Html };
        }
        var segments = new List<TranscriptSegment>(pieces.Count);
        for (var i = 0; i < pieces.Count; i++)
        {
            var start = pieces[i].Time ?? 0;
            var next = pieces.Skip(i + 1).FirstOrDefault(p => p.Time is not null && p.Time > start).Time;
            var end = pieces[i].Time is null ? 0 : next ?? start + (TranscriptText.CountWords(pieces[i].Text) / WordsPerSecond);
            segments.Add(new TranscriptSegment(start, end, pieces[i].Speaker, pieces[i].Text));
        }
        return new TranscriptDocument(segments, TranscriptFormat.Html, TranscriptProvenance.Publisher);
    }
}
