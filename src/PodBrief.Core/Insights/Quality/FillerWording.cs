using System.Text.RegularExpressions;

namespace PodBrief.Core.Insights.Quality;

/// <summary>
/// Wording that marks a sentence as housekeeping rather than an idea: intros and outros, sponsor reads, calls to
/// subscribe or review, greetings and thanks, small talk. One list for the quality gate and the offline
/// extractor, so what the extractor avoids is exactly what the gate drops. Phrases match whole words.
/// </summary>
public static partial class FillerWording
{
    // Per language: English, Spanish, Mandarin (the languages we have seen in feeds; others fall back to English).
    private static readonly string[] Housekeeping =
    [
        // intros, outros, greetings, thanks
        "thank you for", "thanks for", "thanks so much", "thank you so much", "thank you very much", "welcome to the",
        "welcome back", "welcome to", "thanks for having me", "good to have you", "great to have you", "nice to meet",
        "how are you", "good to see you", "great to see you", "my name is", "i'm your host", "this is your host",
        "see you next", "talk to you next", "talk to you soon", "catch you next", "until next time", "that's all for",
        "that's it for today", "let's get started", "let's dive in", "let's get into it", "before we get started",
        "good luck to", "good luck with", "have a great", "have a good one", "happy holidays", "merry christmas",
        "appreciate you coming", "appreciate you having", "on the show today", "in this episode", "on this episode",
        "this week's episode", "today's episode", "last episode", "next episode", "show notes", "bye bye", "goodbye",
        // calls to action
        "subscribe", "rate and review", "leave a review", "leave us a review", "five star", "5 star", "patreon",
        "follow me on", "follow us on", "follow the show", "newsletter", "sign up", "wherever you get your podcasts",
        "available wherever", "our website", "link in the", "links in the", "link below", "hit the like", "like and share",
        "share this episode", "tell a friend", "support the show", "don't forget to", "don't forget ours", "don't miss",
        // sponsor reads
        "sponsor", "sponsored", "brought to you", "promo code", "discount code", "use code", "offer code", "free trial",
        "free months", "special offer", "get started today", "head over to", "dot com slash", "percent off", "% off",
        // ad copy read aloud: product-brochure wording that no one says in conversation
        "combines the power of", "unmatched", "industry leading", "industry-leading", "best-in-class", "best in class",
        "world-class", "state-of-the-art", "all-in-one", "cutting-edge", "next-generation", "seamlessly integrates",
        // small talk about the recording itself: the room, the call, the people present
        "in the studio", "listening to this", "watching this", "on camera", "on the call", "can see you",
        "we're recording", "this recording", "good morning", "good afternoon", "good evening", "how's it going",
        "how are you doing", "how you doing", "bear with me",
        // a reaction retold ("and I'm like, stop"): the speaker's story, not a claim
        "i'm like", "i was like", "he was like", "she was like", "we were like", "they were like",
        // the episode's agenda rather than its content: "we're going to talk about what three things…"
        "going to talk about", "gonna talk about", "let's talk about", "we'll talk about", "we will talk about",
        "we're going to cover", "we'll get into", "we'll come back to", "more on that later", "coming up",
        // a segment's introduction rather than its content: "Kevin had a chance to sit down with Dave…, here's that conversation"
        "sit down with", "sat down with", "here's that conversation", "here's my conversation", "here's our conversation",
        // Spanish
        "gracias por", "bienvenidos", "bienvenido", "suscríbete", "suscribirse", "hasta la próxima", "nos vemos",
        "patrocinador", "patrocinado", "código de descuento", "episodio de hoy", "en este episodio",
    ];

    // Mandarin has no word spaces: these match as substrings.
    private static readonly string[] HousekeepingCjk =
    [
        "订阅", "感谢收听", "欢迎收听", "欢迎来到", "谢谢大家", "谢谢收听", "赞助", "下期再见", "我们下期", "点赞", "关注我们", "本期节目",
    ];

    // Discourse fillers: a body mostly made of these is small talk.
    private static readonly HashSet<string> Fillers = new(StringComparer.Ordinal)
    {
        "um", "uh", "umm", "uhh", "hmm", "mm", "yeah", "yep", "yes", "okay", "ok", "oh", "wow", "right", "like", "so",
        "well", "cool", "awesome", "great", "totally", "exactly", "absolutely", "sure", "lol", "haha", "anyway",
    };

    [GeneratedRegex(@"\b(?:you know|i mean|kind of|sort of)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FillerPhrase();

    /// <summary>The housekeeping phrase the text contains, or null.</summary>
    public static string? HousekeepingPhrase(string text)
    {
        var lower = text.ToLowerInvariant();
        foreach (var phrase in HousekeepingCjk)
        {
            if (lower.Contains(phrase, StringComparison.Ordinal))
            {
                return phrase;
            }
        }
        foreach (var phrase in Housekeeping)
        {
            if (ContainsWords(lower, phrase))
            {
                return phrase;
            }
        }
        return null;
    }

    /// <summary>Share of the words that are discourse fillers (um, yeah, you know, …).</summary>
    public static double FillerShare(string text)
    {
        var tokens = TextMeasure.Tokens(text);
        if (tokens.Count == 0)
        {
            return 0;
        }
        var fillers = tokens.Count(Fillers.Contains) + (2 * FillerPhrase().Count(text));
        return Math.Min(1.0, (double)fillers / tokens.Count);
    }

    /// <summary>Whether the phrase occurs in the lower-case text on word boundaries.</summary>
    public static bool ContainsWords(string lower, string phrase)
    {
        var at = lower.IndexOf(phrase, StringComparison.Ordinal);
        while (at >= 0)
        {
            var before = at == 0 || !char.IsLetterOrDigit(lower[at - 1]);
            var end = at + phrase.Length;
            var after = end >= lower.Length || !char.IsLetterOrDigit(lower[end]);
            if (before && after)
            {
                return true;
            }
            at = lower.IndexOf(phrase, at + 1, StringComparison.Ordinal);
        }
        return false;
    }
}
