namespace PodBrief.Core.Insights.Quality;

/// <summary>
/// Function words and reference-back openers per language: what tells running speech from word salad, and a
/// self-contained sentence from one that needs the sentence before it. English and Spanish have full lists;
/// other languages fall back to the checks that need no word lists (repetition, CJK rules).
/// </summary>
internal static class LanguageSignals
{
    private static readonly HashSet<string> EnglishFunctionWords = Set(
        "the a an and or but if of to in on at by for with from into onto about as than then so that this these those " +
        "it its it's is are was were be been being am have has had having do does did done can could will would shall " +
        "should may might must not no nor i me my we us our you your he him his she her they them their who whom whose " +
        "which what when where why how there here all any some each every both either neither such very too also just " +
        "only more most less much many few one because while although though until since after before over under out " +
        "up down off again once i'm we're you're they're that's there's isn't aren't wasn't don't doesn't didn't can't " +
        "won't wouldn't i've we've you've they've i'd we'd i'll we'll you'll it'll let's what's who's");

    private static readonly HashSet<string> SpanishFunctionWords = Set(
        "el la los las un una unos unas y o pero si de del a al en con por para sin sobre entre que qué como cómo cuando " +
        "donde es son era fue ser estar está están hay ha han he tiene tienen no ni se su sus lo le les me te nos mi tu " +
        "yo tú él ella ellos ellas nosotros este esta esto estos estas ese esa eso muy más menos también ya porque aunque");

    // Auxiliaries, modals and very common verbs: a 12-word English sentence with none of these and no -ed/-ing
    // form is almost always a fragment or speech-to-text noise.
    private static readonly HashSet<string> EnglishVerbs = Set(
        "is are was were be been being am have has had do does did can could will would should may might must 's 're " +
        "make makes made get gets got go goes went think thinks thought know knows knew take takes took see sees saw " +
        "come comes came want wants use uses find finds found give gives gave tell tells told work works call calls try " +
        "tries need needs feel feels become becomes became leave put puts mean means keep keeps let lets begin seem seems " +
        "help helps show shows hear play plays run runs move moves live lives believe bring brings happen happens write " +
        "writes lose loses pay pays meet include includes change changes lead leads understand says say said build builds " +
        "grow grows buy buys sell sells start starts stop stops turn turns matter matters depends depend costs cost");

    private static readonly string[] EnglishDanglingOpeners =
    [
        "that's", "that is", "that was", "that", "this is", "this was", "this", "these", "those", "it's", "it is", "it was",
        "it", "they", "they're", "them", "he", "she", "his", "her", "which", "so this", "so that", "so it", "and", "but",
        "or", "also", "because", "then", "same", "exactly", "yeah", "yes", "right", "as well", "too", "both of",
        // An item of a list announced before ("It solves two problems. One is the polling…", "Third, pay the people
        // who…"): the count and the items before it were there. The comma keeps "Third-party…" a claim.
        "one is", "one was", "the other is", "the other was", "the other one", "the first one", "the second one",
        "the first is", "the first was", "the second is", "the second was", "second,", "secondly,", "third,",
        "thirdly,", "fourth,", "fifth,",
    ];

    private static readonly string[] SpanishDanglingOpeners =
    [
        "eso", "esto", "esa", "ese", "esos", "esas", "ello", "lo cual", "la cual", "el cual", "y", "pero", "o", "también",
        "porque", "entonces", "sí", "claro", "exacto", "ellos", "ellas", "él", "ella",
    ];

    private static readonly string[] CjkDanglingOpeners = ["这", "那", "所以", "但是", "但", "而且", "因为", "他", "她", "它", "就是", "对", "然后"];

    public static HashSet<string>? FunctionWords(string? language) => language switch
    {
        "en" => EnglishFunctionWords,
        "es" => SpanishFunctionWords,
        _ => null,
    };

    public static HashSet<string>? Verbs(string? language) => language == "en" ? EnglishVerbs : null;

    public static IReadOnlyList<string> DanglingOpeners(string? language, bool cjk) =>
        cjk ? CjkDanglingOpeners : language == "es" ? SpanishDanglingOpeners : EnglishDanglingOpeners;

    /// <summary>The language to judge text by: the tag given, else a guess from the text, else English for Latin text.</summary>
    public static string? Resolve(string? language, string text)
    {
        if (TextMeasure.IsMostlyCjk(text))
        {
            return "zh";
        }
        var tag = TextMeasure.PrimaryLanguage(language);
        if (tag is not null)
        {
            return tag;
        }
        var guess = LanguageGuess.Guess(text);
        if (guess is not null)
        {
            return guess;
        }
        // No confident guess on a short text: count Spanish function words against English ones.
        var tokens = TextMeasure.Tokens(text);
        return tokens.Count(SpanishFunctionWords.Contains) > tokens.Count(EnglishFunctionWords.Contains) ? "es" : "en";
    }

    private static HashSet<string> Set(string words) =>
        new(words.Split(' ', StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);
}
