namespace PodBrief.Core.Insights.Quality;

/// <summary>What makes a card not worth a reader's ten seconds (issue 9, item 4).</summary>
public enum CardFault
{
    /// <summary>The headline is the body's opening words, so the reader reads the same words twice.</summary>
    HeadlineEchoesBody,
    /// <summary>The headline ends in "…" or mid-clause ("… and the").</summary>
    HeadlineCutOff,
    /// <summary>The body ends in "…", without an end of sentence, or mid-clause; or starts mid-sentence.</summary>
    BodyCutOff,
    /// <summary>The body opens with a reference back ("That's…", "It's…", "So this…") that needs the sentence before.</summary>
    DanglingStart,
    /// <summary>Intro, outro, sponsor read, housekeeping or small talk: not an idea.</summary>
    Filler,
    /// <summary>Incoherent as language: speech-to-text noise, word salad, a phrase looping.</summary>
    Garbled,
    /// <summary>Fewer than <see cref="CardQuality.MinBodyWords"/> words in the body: too little to be a claim with its consequence.</summary>
    TooShort,
}

/// <summary>
/// The one quality gate both extractors' cards pass before they are stored (ExtractEpisodeJob) and that the LLM
/// extractor uses to re-ask. Pure and deterministic: text rules only, so it runs on every card of every episode
/// and its verdicts can be shown to an operator.
/// </summary>
public static class CardQuality
{
    public const int MinBodyWords = 12;

    /// <summary>The card's faults, in enum order; empty when the card passes.</summary>
    public static IReadOnlyList<CardFault> Check(ExtractedCard card, string? language)
    {
        ArgumentNullException.ThrowIfNull(card);
        var headline = card.Headline.Trim();
        var body = card.Body.Trim();
        var lang = LanguageSignals.Resolve(language, body);
        var rules = new (CardFault Fault, bool Found)[]
        {
            (CardFault.HeadlineEchoesBody, CardFaultRules.EchoesBody(headline, body)),
            (CardFault.HeadlineCutOff, CardFaultRules.HeadlineCutOff(headline, lang)),
            (CardFault.BodyCutOff, CardFaultRules.BodyCutOff(body, lang)),
            (CardFault.DanglingStart, CardFaultRules.DanglingStart(body, lang)),
            (CardFault.Filler, CardFaultRules.IsFiller(headline, body)),
            (CardFault.Garbled, CardFaultRules.IsGarbled(body, lang)),
            (CardFault.TooShort, TextMeasure.Words(body) < MinBodyWords),
        };
        var faults = rules.Where(r => r.Found).Select(r => r.Fault).ToList();
        return faults;
    }

    public static string Describe(CardFault fault) => fault switch
    {
        CardFault.HeadlineEchoesBody => "headline repeats the body's opening words",
        CardFault.HeadlineCutOff => "headline is cut off (ends in \"…\" or mid-clause)",
        CardFault.BodyCutOff => "body is cut off (ends in \"…\", mid-clause or mid-sentence)",
        CardFault.DanglingStart => "body opens with a reference to something said before (\"That's…\", \"It's…\")",
        CardFault.Filler => "filler, small talk, sponsor read or housekeeping, not an idea",
        CardFault.Garbled => "garbled text (incoherent as language, e.g. speech-to-text noise)",
        CardFault.TooShort => $"body has fewer than {MinBodyWords} words",
        _ => fault.ToString(),
    };
}
