using System.Globalization;
using PodBrief.Core.Transcripts.Parsing;

namespace PodBrief.Core.Insights.Quality;

/// <summary>
/// Word counts and tokens that work for every language we ingest. Chinese and Japanese are written without
/// spaces, so a run of CJK characters counts as one word per 1.7 characters
/// (a Mandarin word averages about 1.5–2 characters) instead of one "word" per whole run.
/// </summary>
public static class TextMeasure
{
    public static bool IsCjk(char c) => TranscriptText.IsCjk(c);

    /// <summary>Whether most letters of the text are CJK characters.</summary>
    public static bool IsMostlyCjk(string text)
    {
        int cjk = 0, letters = 0;
        foreach (var c in text)
        {
            if (IsCjk(c))
            {
                cjk++;
                letters++;
            }
            else if (char.IsLetter(c))
            {
                letters++;
            }
        }
        return letters > 0 && cjk * 2 >= letters;
    }

    /// <summary>Words in the text, CJK characters counted as fractions of a word (the transcript stage's rule).</summary>
    public static int Words(string text) => TranscriptText.CountWords(text);

    /// <summary>Lower-case word tokens without punctuation; each CJK character is its own token.</summary>
    public static List<string> Tokens(string text)
    {
        var tokens = new List<string>();
        var current = new System.Text.StringBuilder();
        void Flush()
        {
            if (current.Length > 0)
            {
                tokens.Add(current.ToString().ToLower(CultureInfo.InvariantCulture));
                current.Clear();
            }
        }
        foreach (var c in text)
        {
            if (IsCjk(c))
            {
                Flush();
                tokens.Add(c.ToString());
            }
            else if (char.IsLetterOrDigit(c))
            {
                current.Append(c);
            }
            else if (c is '\'' or '’' && current.Length > 0)
            {
                current.Append('\'');
            }
            else
            {
                Flush();
            }
        }
        Flush();
        return tokens;
    }

    /// <summary>The primary subtag of a language tag ("en-US" → "en"), or null.</summary>
    public static string? PrimaryLanguage(string? tag) =>
        string.IsNullOrWhiteSpace(tag) ? null : tag.Split('-', '_')[0].Trim().ToLowerInvariant();
}
