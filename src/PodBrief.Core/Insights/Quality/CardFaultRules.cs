using System.Text.RegularExpressions;

namespace PodBrief.Core.Insights.Quality;

/// <summary>The individual rules behind <see cref="CardQuality"/>, one method per fault kind.</summary>
internal static partial class CardFaultRules
{
    // Words a complete clause does not end on (English and Spanish): a text ending on one was cut.
    private static readonly HashSet<string> NeverLast = new(StringComparer.Ordinal)
    {
        "the", "a", "an", "and", "or", "but", "of", "to", "with", "for", "from", "because", "if", "than", "my", "your",
        "our", "their", "its", "his", "her", "very", "into", "onto", "at", "by", "as", "which", "whose", "while",
        "although", "nor", "versus", "vs", "um", "uh",
        "el", "la", "los", "las", "un", "una", "y", "o", "pero", "de", "del", "al", "en", "con", "por", "para", "que", "porque",
    };

    // A label (a noun phrase) does not end on these either, although a sentence may: a clause cut after its
    // subject or mid-verb ("YouTube channel being", "Features whenever", "Spotify since he's", "Back every single").
    private static readonly HashSet<string> LabelNeverLast = new(StringComparer.Ordinal)
    {
        "being", "been", "be", "is", "are", "was", "were", "am", "whenever", "wherever", "since", "when", "where",
        "while", "until", "unless", "whether", "though", "every", "each", "single", "any", "some", "no", "this", "that",
        "these", "those", "he's", "she's", "it's", "that's", "there's", "they're", "we're", "you're", "i'm", "he", "she",
        "it", "they", "we", "you", "i", "who", "what", "about", "like", "just", "also", "even", "ever", "still", "too",
        "again", "anymore", "already", "yet", "either", "anyway", "instead", "now", "not", "so", "then", "there", "here", "doing", "going", "getting", "having", "saying",
        "might", "may", "can", "could", "would", "should", "will", "must", "did", "does", "done", "has", "have", "had",
        "became", "become", "used", "got", "made", "went", "said", "thought", "knew", "came", "took", "gave", "told", "seems", "means",
        "es", "son", "era", "cuando", "donde", "este", "esta", "ese", "esa",
    };

    private static readonly HashSet<char> Terminal = ['.', '!', '?', '。', '！', '？', '…'];

    // "It's hard to…", "It turns out…", "It takes…": a dummy "it" refers to nothing before.
    [GeneratedRegex(@"^it(?:'s| is| was|’s)\s+(?:\S+\s+){0,2}?(?:to|that|for|when|how|why|what|whether)\b|^it (?:turns out|takes|seems|matters|depends|costs|helps)\b|^this (?:year|week|month|season|decade|century)\b|^that (?:year|week|month)\b|^(?:and|but) (?:yet|still)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StandaloneOpener();

    public static bool EchoesBody(string headline, string body)
    {
        var h = TextMeasure.Tokens(headline);
        var b = TextMeasure.Tokens(body);
        if (h.Count == 0 || b.Count == 0)
        {
            return false;
        }
        var common = 0;
        while (common < h.Count && common < b.Count && h[common] == b[common])
        {
            common++;
        }
        var cjk = TextMeasure.IsMostlyCjk(headline);
        // Three shared opening words (five CJK characters), or a short headline that is entirely the body's start.
        return common >= (cjk ? 5 : 3) || (common == h.Count && common >= 2);
    }

    public static bool HeadlineCutOff(string headline, string? language)
    {
        if (headline.Length == 0)
        {
            return true;
        }
        var trimmed = headline.TrimEnd();
        if (trimmed.EndsWith('…') || trimmed.EndsWith("...", StringComparison.Ordinal))
        {
            return true;
        }
        if (trimmed[^1] is ',' or ';' or '-' or '–' or '—' or '(' or '/' or '、' or '，')
        {
            return true;
        }
        return EndsOnFunctionWord(trimmed) || EndsOffLabel(trimmed) || Unbalanced(trimmed);
    }

    /// <summary>A word a label never ends on (and a key phrase never contains): clause words, pronouns, copulas.</summary>
    public static bool IsLabelNeverLast(string lowerWord) => LabelNeverLast.Contains(lowerWord);

    private static bool EndsOffLabel(string headline)
    {
        var tokens = TextMeasure.Tokens(headline.Replace('’', '\''));
        return tokens.Count > 1 && LabelNeverLast.Contains(tokens[^1]);
    }

    /// <summary>The text ends on a sentence end (closing quotes and brackets aside).</summary>
    public static bool EndsOnTerminal(string text) => WithoutClosers(text) is [.., var last] && Terminal.Contains(last);

    private static string WithoutClosers(string text) => text.TrimEnd().TrimEnd('"', '\'', '”', '’', ')', ']', '」', '』');

    public static bool BodyCutOff(string body, string? language)
    {
        if (body.Length == 0)
        {
            return true;
        }
        var end = WithoutClosers(body);
        if (end.Length == 0 || end.EndsWith('…') || end.EndsWith("...", StringComparison.Ordinal) || !Terminal.Contains(end[^1]))
        {
            return true;
        }
        if (EndsOnFunctionWord(end.TrimEnd('.', '!', '?', '。', '！', '？')))
        {
            return true;
        }
        if (BackchannelInsidePhrase().IsMatch(end))
        {
            return true;
        }
        // A body that starts lower-case ("and then the model…") was cut from the middle of a sentence.
        var first = body.TrimStart('"', '\'', '“', '‘', '(', '[', '¿', '¡');
        var firstWord = first.Split(' ', 2)[0];
        if (firstWord.Length > 0 && char.IsLower(firstWord[0]) && !firstWord.Skip(1).Any(char.IsUpper))
        {
            return true;
        }
        // Unpunctuated captions are capitalised by the composer, so a cut shows only in the first word: "Of app that…".
        if (ContinuationOpener().IsMatch(first))
        {
            return true;
        }
        return BareDependentClause(first);
    }

    // "…you lose 90% of all of your Yeah. Podcast downloads…": the other speaker's "yeah" landed inside a phrase
    // and the captions split the sentence there, so what reads as its end is the middle of a thought.
    [GeneratedRegex(@"\b(?:the|a|an|of|to|your|my|our|their|his|her|its|and|or|with|for|from|than)\s+(?:yeah|yep|okay|ok|mhm|mm-hmm|uh-huh)\s*[.!,]",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BackchannelInsidePhrase();

    [GeneratedRegex(@"^(?:of(?! course\b| all\b| the \w+ (?:\w+ )?(?:I|we|you|they)\b)|than)\s", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ContinuationOpener();

    /// <summary>
    /// "If your audio quality isn't good." — a sentence that is only a subordinate clause, with no main clause after
    /// a comma or a "then": the rest of the thought was in a sentence that was not taken. The gate asks it of a
    /// body's first sentence; the offline composer of each sentence it would append.
    /// </summary>
    public static bool BareDependentClause(string text)
    {
        var match = DependentOpener().Match(text);
        if (!match.Success)
        {
            return false;
        }
        var end = text.IndexOfAny(['.', '!', '?', '。'], match.Length);
        var sentence = end < 0 ? text : text[..end];
        var rest = sentence[match.Length..];
        return !rest.Contains(',', StringComparison.Ordinal) && !rest.Contains(" then ", StringComparison.OrdinalIgnoreCase)
            && !rest.Contains(" – ", StringComparison.Ordinal) && !rest.Contains(" — ", StringComparison.Ordinal);
    }

    /// <summary>
    /// "…no matter how good the content is, if your audio quality isn't good.": the text ends on a condition, the
    /// outcome it sets up ("It's just going to turn them away.") still to come. The offline composer then reads on.
    /// </summary>
    public static bool EndsOnCondition(string text)
    {
        var trimmed = text.TrimEnd('.', '!', ' ');
        var clause = trimmed[(trimmed.LastIndexOfAny([',', '.', '!', '?', ';']) + 1)..].Trim();
        return ConditionOpener().IsMatch(clause) && BareDependentClause(clause);
    }

    [GeneratedRegex(@"^(?:if|unless|as long as|si)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ConditionOpener();

    [GeneratedRegex(@"^(?:if|when|whenever|unless|although|though|even though|whereas|while|since|as long as|so that|until|once|whether|si|cuando|aunque|mientras)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DependentOpener();

    // "If it's not free…", "When they launched…": the clause's subject is a pronoun for something said before.
    // "Is revolutionizing the audio industry…": the subject was in the sentence before.
    [GeneratedRegex(@"^(?:(?:if|when|whenever|because|since|while|although|though|once|unless|until|as|after|before)\s+(?:it|it's|this|that|these|those|they|they're|he|he's|she|she's|them)\b|(?:is|are|was|were|has|have|had|does|did|can|could|will|would|should)\s+(?!\S+\?))",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ReferringClause();

    public static bool DanglingStart(string body, string? language)
    {
        var start = body.TrimStart('"', '\'', '“', '‘', '(', '[', '¿', '¡', ' ', '-', '—', '…', '.');
        if (start.Length == 0)
        {
            return false;
        }
        var cjk = TextMeasure.IsMostlyCjk(start);
        if (cjk)
        {
            return LanguageSignals.DanglingOpeners(language, cjk: true).Any(o => start.StartsWith(o, StringComparison.Ordinal));
        }
        if (StandaloneOpener().IsMatch(start))
        {
            return false;
        }
        if (LanguageSignals.Resolve(language, start) is null or "en" && ReferringClause().IsMatch(start) && !start.Split(['.', '!'], 2)[0].TrimEnd().EndsWith('?'))
        {
            return true;
        }
        var lower = start.ToLowerInvariant().Replace('’', '\'');
        foreach (var opener in LanguageSignals.DanglingOpeners(language, cjk: false))
        {
            if (lower.StartsWith(opener, StringComparison.Ordinal)
                && (lower.Length == opener.Length || !char.IsLetterOrDigit(lower[opener.Length]) && lower[opener.Length] != '\''))
            {
                return true;
            }
        }
        return false;
    }

    public static bool IsFiller(string headline, string body)
    {
        if (FillerWording.HousekeepingPhrase(body) is not null || FillerWording.HousekeepingPhrase(headline) is not null)
        {
            return true;
        }
        // Small talk: a body in which a quarter of the words are "yeah", "um", "you know" and the like.
        return FillerWording.FillerShare(body) >= 0.25;
    }

    public static bool IsGarbled(string body, string? language)
    {
        var tokens = TextMeasure.Tokens(body);
        if (tokens.Count < 6)
        {
            return false;
        }
        if (LoopsPhrase(tokens))
        {
            return true;
        }
        if (TextMeasure.IsMostlyCjk(body))
        {
            // Unspaced script: noise shows as very few distinct characters.
            return tokens.Distinct(StringComparer.Ordinal).Count() < tokens.Count * 0.35;
        }
        var functionWords = LanguageSignals.FunctionWords(language);
        if (functionWords is null)
        {
            return false;
        }
        var words = tokens.Where(t => t.Any(char.IsLetter)).ToList();
        if (words.Count < 8)
        {
            return false;
        }
        // Running speech is 35–55% function words; word salad and ad copy mangled by speech-to-text fall far below.
        var functionShare = (double)words.Count(functionWords.Contains) / words.Count;
        if (functionShare < 0.15)
        {
            return true;
        }
        var verbs = LanguageSignals.Verbs(language);
        if (verbs is not null && words.Count >= 12)
        {
            var hasVerb = words.Any(w => verbs.Contains(w) || w.EndsWith("n't", StringComparison.Ordinal)
                || w.EndsWith("'s", StringComparison.Ordinal) || w.EndsWith("'re", StringComparison.Ordinal)
                || w.EndsWith("'ve", StringComparison.Ordinal) || w.EndsWith("'ll", StringComparison.Ordinal)
                || (w.Length > 4 && (w.EndsWith("ed", StringComparison.Ordinal) || w.EndsWith("ing", StringComparison.Ordinal))));
            if (!hasVerb)
            {
                return true;
            }
        }
        // Long runs of single letters and fragments ("a b c the k") are recognizer noise.
        var fragments = words.Count(w => w.Length == 1 && w is not "a" and not "i" and not "y" and not "o" and not "e");
        return fragments >= 3 && fragments > words.Count * 0.2;
    }

    /// <summary>A word repeated three times running, or a 2–4 word phrase said three times in a row: the recognizer looped.</summary>
    private static bool LoopsPhrase(List<string> tokens)
    {
        for (var i = 0; i + 2 < tokens.Count; i++)
        {
            if (tokens[i] == tokens[i + 1] && tokens[i] == tokens[i + 2] && !TextMeasure.IsCjk(tokens[i][0]))
            {
                return true;
            }
        }
        // A loop repeats the phrase back to back ("we need to go we need to go we need to go"); the same phrase three
        // times across a long body is ordinary speech ("33% of downloads … 8% of downloads … 70% of downloads").
        var minimum = TextMeasure.IsCjk(tokens[0][0]) ? 3 : 2;
        for (var n = minimum; n <= 4; n++)
        {
            var seen = new Dictionary<string, List<int>>(StringComparer.Ordinal);
            for (var i = 0; i + n <= tokens.Count; i++)
            {
                var gram = string.Join(' ', tokens.Skip(i).Take(n));
                if (!seen.TryGetValue(gram, out var at))
                {
                    seen[gram] = at = [];
                }
                at.Add(i);
                if (at.Count >= 3 && at[^1] - at[^3] <= (2 * n) + 2)
                {
                    return true;
                }
            }
        }
        return false;
    }

    private static bool EndsOnFunctionWord(string text)
    {
        var tokens = TextMeasure.Tokens(text);
        return tokens.Count > 1 && NeverLast.Contains(tokens[^1]);
    }

    private static bool Unbalanced(string text) =>
        text.Count(c => c == '(') != text.Count(c => c == ')') || text.Count(c => c == '"') % 2 == 1;
}
