using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace PodBrief.Core.Insights;

/// <summary>
/// Turns extracted sentences into card text: cleaned sentences (Offline/PassageCardComposer picks which) and keywords. Spoken filler is removed; the quote itself stays verbatim elsewhere.
/// </summary>
internal static partial class CardTextComposer
{
    public const int MaxBody = 320;
    public const int MaxHeadline = 90;

    // Openers that carry no meaning in writing, and a speaker pointing back at what the reader never heard ("as I said").
    [GeneratedRegex(@"^(?:(?:as i said|like i said|as i mentioned|i(?:'ve| have)? already said|so|and|but|well|yeah|yes|okay|ok|oh|now|look|right|like|um|uh|i mean|i think that|i think|you know|basically|actually|honestly|anyway)[,\s]+)+",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LeadingFiller();

    [GeneratedRegex(@"(?:,\s*|\s)(?:um+|uh+|you know|i mean)(?=[,\s.])(?:,)?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex InnerFiller();

    // A word or a two-word phrase said twice ("the the", "I'm I'm", "with a with a"): the speaker restarting.
    [GeneratedRegex(@"(?<![\w'’])([\w'’]+(?:\s+[\w'’]+)?)(?:\s+\1(?![\w'’]))+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RepeatedWord();

    // A stutter the caption put a comma in ("some, some rules", "90% of, of all", "I'm, I'm sure"): lower-case words
    // and "I" only, since a name said again after a comma starts a new clause ("for Spotify, Spotify has 8%").
    [GeneratedRegex(@"(?<![\w'’])([a-z]+(?:['’][a-z]+)?|I(?:['’][a-z]+)?)(?:,\s+\1(?![\w'’]))+", RegexOptions.CultureInvariant)]
    private static partial Regex RepeatedWordAcrossComma();

    // "H2O organised a public, let's say, hackathon": a hedge set off by commas says nothing in writing. Without the
    // commas it opens a hypothetical ("let's say instead that you…") and stays. Where a new phrase follows ("most
    // features, let's say, most widgets"), one comma stays.
    [GeneratedRegex(@",\s*let['’]s say,(?=\s*(?<next>[\w'’]+))", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HedgeBetweenCommas();

    private static readonly HashSet<string> PhraseStarts = new(StringComparer.OrdinalIgnoreCase)
    {
        "i", "we", "you", "they", "he", "she", "it", "it's", "that's", "there's", "the", "a", "an", "this", "these", "those",
        "most", "some", "many", "every", "each", "all", "our", "their", "my", "your",
    };

    [GeneratedRegex(@"\s{2,}")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"\s+([,.;:!?])")]
    private static partial Regex SpaceBeforePunctuation();

    // Unpunctuated captions can end a sentence on the conjunction that opens the next one ("…the page and | so…").
    [GeneratedRegex(@"(?:[,\s]+(?:and|but|or))+$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TrailingConjunction();

    // Captions sometimes close a cue with a comma and a full stop ("a small amount,."): the stop wins.
    [GeneratedRegex(@"[,;:]+(?=[.!?])")]
    private static partial Regex PauseBeforeStop();


    private static readonly HashSet<string> StopWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "the", "a", "an", "and", "or", "but", "so", "of", "to", "in", "on", "for", "with", "at", "by", "from", "is", "are", "was", "were",
        "be", "been", "it", "its", "it's", "this", "that", "these", "those", "there", "their", "they", "them", "we", "you", "i", "he", "she",
        "his", "her", "our", "your", "my", "me", "us", "not", "no", "do", "does", "did", "have", "has", "had", "can", "could", "would",
        "should", "will", "just", "like", "really", "very", "what", "which", "who", "when", "where", "how", "why", "all", "any", "some",
        "more", "most", "about", "into", "than", "then", "also", "if", "as", "because", "get", "got", "going", "gonna", "know", "think",
        "mean", "yeah", "um", "uh", "okay", "thing", "things", "lot", "kind", "sort", "way", "one", "people", "right", "actually", "well",
        "don't", "i'm", "we're", "that's", "you're", "there's", "they're", "what's", "out", "up", "say", "said", "want", "go", "make",
    };

    public static bool IsStopWord(string word) => StopWords.Contains(word) || word.Length <= 1;

    /// <summary>Up to five content words, most frequent in the episode first (named things win ties).</summary>
    public static IReadOnlyList<string> Keywords(string text, IReadOnlyDictionary<string, int> episodeFrequency)
    {
        return text.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.Trim('"', '\'', ',', '.', '!', '?', ';', ':', '(', ')', '“', '”', '’', '‘'))
            .Where(w => w.Length > 2 && !StopWords.Contains(w) && w.Any(char.IsLetter))
            .Select(w => w.ToLowerInvariant())
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(w => episodeFrequency.GetValueOrDefault(w))
            .ThenBy(w => w, StringComparer.Ordinal)
            .Take(5)
            .ToList();
    }

    public static Dictionary<string, int> WordFrequencies(IEnumerable<CandidateSentence> sentences)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var sentence in sentences)
        {
            foreach (var raw in sentence.Text.Split(' '))
            {
                var word = raw.Trim('"', '\'', ',', '.', '!', '?', ';', ':', '(', ')').ToLowerInvariant();
                if (word.Length > 2 && !StopWords.Contains(word))
                {
                    counts[word] = counts.GetValueOrDefault(word) + 1;
                }
            }
        }
        return counts;
    }

    public static string Clean(string text)
    {
        var cleaned = LeadingFiller().Replace(text.Trim(), string.Empty);
        cleaned = InnerFiller().Replace(cleaned, string.Empty);
        cleaned = HedgeBetweenCommas().Replace(cleaned, m => PhraseStarts.Contains(m.Groups["next"].Value.Replace('’', '\'')) ? "," : string.Empty);
        cleaned = RepeatedWordAcrossComma().Replace(RepeatedWord().Replace(cleaned, "$1"), "$1");
        cleaned = SpaceBeforePunctuation().Replace(Spaces().Replace(cleaned, " "), "$1").Trim(' ', ',');
        cleaned = PauseBeforeStop().Replace(cleaned, string.Empty);
        if (cleaned.Length == 0)
        {
            return text.Trim();
        }
        cleaned = Capitalize(cleaned);
        return cleaned[^1] is '.' or '!' or '?' or '…' ? cleaned : TrailingConjunction().Replace(cleaned, string.Empty).TrimEnd(',', ';', ':', '-') + ".";
    }

    private static string Capitalize(string text)
    {
        if (text.Length == 0 || char.IsUpper(text[0]))
        {
            return text;
        }
        var builder = new StringBuilder(text);
        builder[0] = char.ToUpper(text[0], CultureInfo.InvariantCulture);
        return builder.ToString();
    }
}
