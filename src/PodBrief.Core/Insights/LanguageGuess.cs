namespace PodBrief.Core.Insights;

/// <summary>
/// A coarse language check by function words, enough to catch a card written in another language than its
/// transcript (a model answering in English for a Dutch episode). Returns null when unsure.
/// </summary>
internal static class LanguageGuess
{
    private static readonly Dictionary<string, HashSet<string>> FunctionWords = new(StringComparer.Ordinal)
    {
        ["en"] = Set("the and is are of to in that it for with this was you we they not but have be on"),
        ["nl"] = Set("de het een en is van dat niet op zijn voor met ook maar wij ze er wordt naar"),
        ["de"] = Set("der die das und ist nicht ein eine zu mit auf für von dem den sich auch wir sind"),
        ["fr"] = Set("le la les et est des une un que pour dans pas qui sur avec nous sont ce du"),
        ["es"] = Set("el la los las y es que de en un una por para con no se del al son"),
        ["pt"] = Set("o a os as e é que de em um uma para com não se do da são no na"),
        ["it"] = Set("il la lo gli le e è che di in un una per con non si del della sono"),
    };

    private static HashSet<string> Set(string words) => new(words.Split(' '), StringComparer.Ordinal);

    public static string? Guess(string text)
    {
        var words = text.ToLowerInvariant()
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.Trim('.', ',', '!', '?', ';', ':', '"', '\'', '(', ')'))
            .ToList();
        if (words.Count < 6)
        {
            return null;
        }
        var scores = FunctionWords
            .Select(kv => (Language: kv.Key, Hits: words.Count(kv.Value.Contains)))
            .OrderByDescending(s => s.Hits)
            .ToList();
        // Confident only when the winner clearly beats the runner-up (the lists share "de", "la", "in", ...).
        return scores[0].Hits >= 3 && scores[0].Hits >= scores[1].Hits * 2 ? scores[0].Language : null;
    }
}
