using System.Globalization;
using PodBrief.Core.Insights.Quality;

namespace PodBrief.Core.Insights;

/// <summary>
/// A headline for an extractive card: a short label saying what the card is about, never the body's opening
/// words and never cut. Candidates are the word runs of the passage that neither start nor end on a function
/// word; each is scored by how characteristic its words are of the episode (and, when the caller has
/// embeddings, by how close the phrase is to the passage's meaning).
/// </summary>
internal static class HeadlineComposer
{
    public const int MaxHeadline = 70;
    private const int MinWords = 2;
    private const int MaxWords = 6;

    private static readonly HashSet<string> Connectors = new(StringComparer.OrdinalIgnoreCase)
    {
        "of", "and", "for", "in", "on", "to", "the", "a", "an", "with", "vs", "versus", "per", "de", "del", "y", "la", "el", "en", "para",
    };

    // Modifiers that say nothing on their own: "Other podcasts", "Same thing", "Whole episode".
    private static readonly HashSet<string> Vague = new(StringComparer.OrdinalIgnoreCase)
    {
        "other", "others", "another", "same", "different", "certain", "whole", "entire", "next", "last", "first", "new",
        "good", "great", "big", "little", "many", "much", "few", "several", "various", "bunch", "stuff", "something",
        "everything", "anything", "nothing", "everybody", "anybody", "somebody", "someone", "everyone", "anyone",
        "guys", "folks", "pretty", "probably", "maybe", "literally", "totally", "huge", "today", "yesterday", "tomorrow",
        "bit",
    };

    /// <summary>Candidate key phrases of the text, best lexical score first (at most <paramref name="max"/>).</summary>
    public static List<string> Candidates(string text, IReadOnlyDictionary<string, int> episodeFrequency, int max = 12)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var scored = new List<(string Phrase, double Score)>();
        var local = words.Select(w => Bare(w).ToLowerInvariant()).Where(w => w.Length > 0).GroupBy(w => w, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var total = Math.Max(1, episodeFrequency.Values.Sum());
        for (var start = 1; start < words.Length; start++)
        {
            // Never from the first word: the headline must not be the body's opening.
            for (var length = MinWords; length <= MaxWords && start + length <= words.Length; length++)
            {
                var run = words.Skip(start).Take(length).ToList();
                if (run.Take(run.Count - 1).Any(w => EndsClause(w)))
                {
                    break; // a phrase does not cross a comma or a sentence end
                }
                var clean = run.Select(Bare).ToList();
                if (clean.Any(w => w.Length == 0) || IsStop(clean[0]) || IsStop(clean[^1]) || clean.Count(w => !IsStop(w)) < 2)
                {
                    continue;
                }
                // A label is a noun phrase: content words joined only by connectors ("cost of training", "Apple and
                // Spotify"), never a clause with pronouns or auxiliaries ("doing is it's showing").
                if (clean.Any(w => IsStop(w) && !Connectors.Contains(w)))
                {
                    continue;
                }
                // Contractions, -ly adverbs and clause words belong to speech, not to a label ("Ad market we've seen in
                // probably"); a key phrase ending on a verb is a clause cut short ("Podcast ads need").
                if (clean.Any(w => IsSpeechWord(w)) || EndsOnVerb(clean[^1]) || IsPastTense(clean[^1]) || Particles.Contains(clean[^1]) || ReadsAsClause(clean)
                    || SplitsANumber(clean[^1], start + length < words.Length ? Bare(words[start + length]) : null))
                {
                    continue;
                }
                // A word said twice is speech looping ("Print print print"), not a label.
                if (clean.Distinct(StringComparer.OrdinalIgnoreCase).Count() < clean.Count)
                {
                    continue;
                }
                // A label must name a thing: not a run of vague words, and not only names ("Dave and Adam").
                var content0 = clean.Where(w => !IsStop(w)).ToList();
                // Nor does it open or end on one ("Template sounds a little bit").
                if (content0.Count(w => !Vague.Contains(w)) < 2 || Vague.Contains(clean[0]) || Vague.Contains(clean[^1]) || content0.All(w => char.IsUpper(w[0])) && clean.Any(w => w is "and" or "y"))
                {
                    continue;
                }
                var phrase = string.Join(' ', clean);
                if (phrase.Length > MaxHeadline || FillerWording.HousekeepingPhrase(phrase) is not null)
                {
                    continue;
                }
                var content = clean.Where(w => !IsStop(w)).ToList();
                // What this passage is about, not what the whole episode is about: a word counts by how often the
                // passage uses it times how rare it is in the episode (tf-idf with the episode as the collection),
                // so "podcast" in a podcast about podcasts does not label every card.
                var score = content.Sum(w => (Math.Log(1 + local.GetValueOrDefault(w.ToLowerInvariant())) * Math.Log(1 + (total / (1.0 + episodeFrequency.GetValueOrDefault(w.ToLowerInvariant())))))
                    + (char.IsUpper(w[0]) ? 0.5 : 0)) / Math.Sqrt(clean.Count);
                score += content.Count >= 3 ? 0.5 : 0;
                scored.Add((phrase, score));
            }
        }
        return scored.OrderByDescending(s => s.Score).ThenBy(s => s.Phrase, StringComparer.Ordinal)
            .Select(s => s.Phrase).Distinct(StringComparer.OrdinalIgnoreCase).Take(max).ToList();
    }

    /// <summary>The first candidate that passes the headline rules of the quality gate, or a keyword label.</summary>
    public static string Compose(IEnumerable<string> candidates, string body, IReadOnlyList<string> keywords)
    {
        foreach (var candidate in candidates)
        {
            var headline = Capitalize(candidate);
            // Output validation refuses labels this short ("AI Apps"); take a longer phrase instead.
            if (headline.Length < CardValidator.MinHeadline)
            {
                continue;
            }
            if (!CardFaultRules.EchoesBody(headline, body) && !CardFaultRules.HeadlineCutOff(headline, null))
            {
                return headline;
            }
        }
        return keywords.Count switch
        {
            0 => string.Empty,
            1 => Capitalize(keywords[0]),
            _ => Capitalize(string.Join(", ", keywords.Take(Math.Min(3, keywords.Count) - 1)) + " and " + keywords[Math.Min(3, keywords.Count) - 1]),
        };
    }

    public static string Capitalize(string text) =>
        text.Length == 0 || char.IsUpper(text[0]) ? text : char.ToUpper(text[0], CultureInfo.InvariantCulture) + text[1..];

    private static bool IsStop(string word) => CardTextComposer.IsStopWord(word);

    // Words that are verbs but just as often the noun a label ends on ("Podcast show", "Remote work").
    private static readonly HashSet<string> NounsToo = new(StringComparer.Ordinal)
    {
        "use", "uses", "work", "works", "show", "shows", "play", "plays", "change", "changes", "run", "runs", "call", "calls",
        "lead", "leads", "move", "moves", "help", "build", "builds", "pay", "meet", "lives",
    };

    private static bool EndsOnVerb(string word)
    {
        var lower = word.ToLowerInvariant();
        var verbs = LanguageSignals.Verbs("en")!;
        return verbs.Contains(lower) && !NounsToo.Contains(lower);
    }

    // The particle of a phrasal verb ends a clause, not a label: "Checking the website over", "Buried put away".
    private static readonly HashSet<string> Particles = new(StringComparer.OrdinalIgnoreCase)
    {
        "over", "away", "back", "off", "down", "around", "along", "through", "forward", "apart", "aside", "together",
    };

    // "Trial users and allowed", "Audience remembered": a label does not end on a past tense. Nouns that end in "ed"
    // are short ("feed", "need", below the length checked) or listed.
    private static readonly HashSet<string> NounsInEd = new(StringComparer.Ordinal) { "speed", "breed", "embed", "hundred" };

    // A label names a thing; these word pairs make the phrase a clause with its subject left out:
    // - a past tense taking its object ("Clark Turner published a long investigation"), or opening the phrase before a
    //   preposition or an adverb ("Arrived in Dhahran the day after", "Contributed almost nothing"); before a noun it is
    //   often an adjective and stays ("Distributed systems");
    // - a verb taking an infinitive ("Need to plug", "Trying to grow"); "have to", "used to", "going to" are refused
    //   already, as speech words (CardFaultRules.IsLabelNeverLast).
    private static bool ReadsAsClause(List<string> words)
    {
        for (var i = 0; i < words.Count - 1; i++)
        {
            var word = words[i].ToLowerInvariant();
            var next = words[i + 1].ToLowerInvariant();
            var pastTense = IsPastTense(words[i]);
            if ((pastTense && (next is "a" or "an" or "the" || (i == 0 && AfterAVerb.Contains(next)))) || (next == "to" && TakesInfinitive.Contains(word)))
            {
                return true;
            }
        }
        return false;
    }

    private static readonly HashSet<string> AfterAVerb = new(StringComparer.Ordinal)
    {
        "in", "on", "at", "to", "from", "by", "with", "into", "for", "almost", "nearly", "just", "only", "never", "always", "also",
    };

    private static readonly HashSet<string> TakesInfinitive = new(StringComparer.Ordinal)
    {
        "need", "needs", "want", "wants", "able", "trying", "try", "decided", "started",
    };

    // Past tenses and participles that do not end in "ed" ("Radiation therapy machine built").
    private static readonly HashSet<string> IrregularPast = new(StringComparer.Ordinal)
    {
        "built", "sold", "bought", "brought", "caught", "taught", "sent", "spent", "written", "taken", "given", "chosen",
        "broken", "spoken", "begun", "held", "found", "won", "lost", "wrote", "began", "chose", "spoke", "drove", "driven",
    };

    private static bool IsPastTense(string word) =>
        char.IsLower(word[0]) && ((word.Length >= 5 && word.EndsWith("ed", StringComparison.Ordinal) && !NounsInEd.Contains(word)) || IrregularPast.Contains(word));

    // "Published a long investigation in nineteen | ninety-three": a label does not end inside a number said in words.
    private static bool SplitsANumber(string last, string? next) =>
        next is not null && IsNumberWord(last) && IsNumberWord(next);

    private static readonly HashSet<string> NumberWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen",
        "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty",
        "sixty", "seventy", "eighty", "ninety", "hundred", "thousand", "million", "billion",
    };

    private static bool IsNumberWord(string word) =>
        word.Length > 0 && (char.IsDigit(word[0]) || NumberWords.Contains(word.Split('-')[0]));

    private static bool IsSpeechWord(string word)
    {
        var lower = word.ToLowerInvariant().Replace('’', '\'');
        var possessive = lower.EndsWith("'s", StringComparison.Ordinal) && char.IsUpper(word[0]);
        return (lower.Contains('\'') && !possessive) || (lower.Length > 4 && lower.EndsWith("ly", StringComparison.Ordinal) && !char.IsUpper(word[0]))
            || CardFaultRules.IsLabelNeverLast(lower);
    }

    private static bool EndsClause(string word) => word.Length > 0 && word[^1] is ',' or '.' or ';' or ':' or '!' or '?' or '…';

    private static string Bare(string word) => word.Trim('"', '\'', ',', '.', '!', '?', ';', ':', '(', ')', '“', '”', '’', '‘', '…', '-', '—');
}
