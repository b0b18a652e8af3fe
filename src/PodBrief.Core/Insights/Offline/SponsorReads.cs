using System.Text.RegularExpressions;

namespace PodBrief.Core.Insights.Offline;

/// <summary>
/// Which sentences belong to a sponsor read. Ad wording ("brought to you by", "promo code") marks the sentences
/// around it; and a sponsor the episode names ("This episode is sponsored by Acme Cloud Hub") marks every later
/// sentence that names it again, because a mid-roll read often carries none of the ad wording ("Unlike others,
/// Acme Cloud Hub does not require…") and otherwise reads like a claim.
/// </summary>
internal static partial class SponsorReads
{
    // Sentences this close to ad wording are taken to be part of the ad.
    private const int MarkerRadius = 4;

    // Sentences this close to a mention of the sponsor's name are taken to be part of its read.
    private const int NameRadius = 2;

    [GeneratedRegex(@"\b(?:sponsored by|brought to you by|presented by|supported by|our sponsor(?: today)? is|thanks to our sponsor)\s+(?<name>[\p{L}\d'&.-]+(?:\s+[\p{L}\d'&.-]+){0,4})",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SponsorName();

    /// <summary>The indexes of the sentences that are part of a sponsor read.</summary>
    public static HashSet<int> Find(IReadOnlyList<CandidateSentence> sentences)
    {
        var ad = new HashSet<int>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var sentence in sentences.Where(s => SentenceInformativeness.IsAdMarker(s.Text)))
        {
            Mark(ad, sentence.Index, MarkerRadius);
            foreach (Match match in SponsorName().Matches(sentence.Text))
            {
                names.UnionWith(NamePhrases(match.Groups["name"].Value));
            }
        }
        if (names.Count > 0)
        {
            foreach (var sentence in sentences)
            {
                var lower = sentence.Text.ToLowerInvariant();
                if (names.Any(n => Quality.FillerWording.ContainsWords(lower, n)))
                {
                    Mark(ad, sentence.Index, NameRadius);
                }
            }
        }
        return ad;
    }

    /// <summary>
    /// What identifies a sponsor in later sentences: a one-word name itself ("Sentry"), otherwise each pair of
    /// neighbouring content words ("Founders Hub" from "Microsoft for Startups Founders Hub"), so a single common
    /// word of a longer name does not mark half the episode.
    /// </summary>
    internal static IEnumerable<string> NamePhrases(string name)
    {
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w.Trim('.', ',', '\'', '-').ToLowerInvariant()).Where(w => w.Length > 0).ToList();
        if (words.Count == 1)
        {
            if (words[0].Length >= 4 && !CardTextComposer.IsStopWord(words[0]))
            {
                yield return words[0];
            }
            yield break;
        }
        for (var i = 0; i + 1 < words.Count; i++)
        {
            if (!CardTextComposer.IsStopWord(words[i]) && !CardTextComposer.IsStopWord(words[i + 1]))
            {
                yield return words[i] + " " + words[i + 1];
            }
        }
    }

    private static void Mark(HashSet<int> ad, int index, int radius)
    {
        for (var i = index - radius; i <= index + radius; i++)
        {
            ad.Add(i);
        }
    }
}
