using System.Globalization;
using System.Text;
using PodBrief.Core.Transcripts;

namespace PodBrief.Core.Insights;

/// <summary>
/// Checks that a proposed quote really is in the transcript and says where. Matching ignores case, whitespace
/// and punctuation and tolerates a small number of word differences (speech-to-text and model copying both
/// wobble). The time always comes from the segment where the words were found — never from the model.
/// </summary>
public sealed class GroundingGate
{
    /// <summary>Share of quote words that must line up for a fuzzy match.</summary>
    public const double FuzzyThreshold = 0.85;
    private const int MinimumWords = 4;

    /// <summary>Segments longer than this (paragraphs, not cues) have a quote's start placed inside them.</summary>
    public const double LongSegmentSeconds = 15;

    private readonly List<Word> _words = [];
    private readonly IReadOnlyList<TranscriptSegment> _segments;

    public GroundingGate(TranscriptDocument transcript)
    {
        _segments = transcript.Segments;
        for (var s = 0; s < _segments.Count; s++)
        {
            foreach (var raw in _segments[s].Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            {
                var normalized = Normalize(raw);
                if (normalized.Length > 0)
                {
                    _words.Add(new Word(raw, normalized, s));
                }
            }
        }
    }

    /// <summary>Where the quote is, with the transcript's own wording; null when it is not there.</summary>
    public GroundedQuote? Locate(string quote)
    {
        var wanted = quote.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(Normalize).Where(w => w.Length > 0).ToArray();
        if (wanted.Length < MinimumWords || _words.Count < wanted.Length)
        {
            return null;
        }
        var exact = FindExact(wanted);
        if (exact >= 0)
        {
            return Build(exact, wanted.Length, 1.0);
        }
        return FindFuzzy(wanted);
    }

    private int FindExact(string[] wanted)
    {
        for (var i = 0; i + wanted.Length <= _words.Count; i++)
        {
            var j = 0;
            while (j < wanted.Length && _words[i + j].Normalized == wanted[j])
            {
                j++;
            }
            if (j == wanted.Length)
            {
                return i;
            }
        }
        return -1;
    }

    private GroundedQuote? FindFuzzy(string[] wanted)
    {
        var slack = Math.Max(1, wanted.Length / 8);
        var bestScore = 0.0;
        (int Start, int Length) best = (-1, 0);
        for (var i = 0; i < _words.Count; i++)
        {
            // Only windows that start near one of the quote's first words can align well.
            if (!AnchorsAt(i, wanted))
            {
                continue;
            }
            for (var length = wanted.Length - slack; length <= wanted.Length + slack; length++)
            {
                if (length < MinimumWords || i + length > _words.Count)
                {
                    continue;
                }
                var distance = WordDistance(wanted, i, length);
                var score = 1.0 - (double)distance / Math.Max(wanted.Length, length);
                if (score > bestScore)
                {
                    bestScore = score;
                    best = (i, length);
                }
            }
        }
        return bestScore >= FuzzyThreshold ? Build(best.Start, best.Length, bestScore) : null;
    }

    private bool AnchorsAt(int i, string[] wanted)
    {
        for (var k = 0; k < Math.Min(3, wanted.Length); k++)
        {
            if (_words[i].Normalized == wanted[k])
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Word-level Levenshtein distance between the quote and a window of the transcript.</summary>
    private int WordDistance(string[] wanted, int start, int length)
    {
        var previous = new int[length + 1];
        var current = new int[length + 1];
        for (var j = 0; j <= length; j++)
        {
            previous[j] = j;
        }
        for (var i = 1; i <= wanted.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= length; j++)
            {
                var cost = wanted[i - 1] == _words[start + j - 1].Normalized ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return previous[length];
    }

    private GroundedQuote Build(int start, int length, double score)
    {
        var first = _segments[_words[start].Segment];
        var last = _segments[_words[start + length - 1].Segment];
        // A quote that stops where the speaker paused keeps the words, not the comma after the last one: "…the open
        // RSS ecosystem," reads as cut off on a card, and without the comma the text is still the transcript's own.
        var text = string.Join(' ', _words.Skip(start).Take(length).Select(w => w.Raw)).TrimEnd(',', ';', ':');
        // A long segment (an HTML paragraph, a minute-long cue) holds many sentences: the quote starts its share of
        // the segment's words in, the same rule the sentence splitter uses, not at the segment's start.
        var firstWord = start;
        while (firstWord > 0 && _words[firstWord - 1].Segment == _words[start].Segment)
        {
            firstWord--;
        }
        var wordsInSegment = firstWord;
        while (wordsInSegment < _words.Count && _words[wordsInSegment].Segment == _words[start].Segment)
        {
            wordsInSegment++;
        }
        var share = (double)(start - firstWord) / Math.Max(1, wordsInSegment - firstWord);
        // A short cue's own start is where a listener should start (a little early beats mid-word).
        var begins = first.End - first.Start > LongSegmentSeconds ? first.Start + ((first.End - first.Start) * share) : first.Start;
        return new GroundedQuote(text, begins, Math.Max(begins, last.End), first.Speaker, score);
    }

    /// <summary>Lower case, letters and digits only, accents kept (so "café" ≠ "cafe" is not forced).</summary>
    internal static string Normalize(string word)
    {
        var builder = new StringBuilder(word.Length);
        foreach (var c in word.Normalize(NormalizationForm.FormC))
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToLower(c, CultureInfo.InvariantCulture));
            }
        }
        return builder.ToString();
    }

    private readonly record struct Word(string Raw, string Normalized, int Segment);
}

/// <summary>A quote found in the transcript: its verbatim wording there, when it starts and ends, and who said it.</summary>
public sealed record GroundedQuote(string VerbatimText, double StartSeconds, double EndSeconds, string? Speaker, double MatchScore)
{
    public bool IsExact => MatchScore >= 1.0;
}
