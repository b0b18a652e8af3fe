using PodBrief.Core.Insights;

namespace PodBrief.Tests.Insights;

public class HeadlineComposerTests
{
    // An episode that talks about "podcast" everywhere, and one passage about the ad market in a downturn.
    private static readonly Dictionary<string, int> Episode = new(StringComparer.Ordinal)
    {
        ["podcast"] = 120,
        ["podcasts"] = 60,
        ["listeners"] = 40,
        ["ads"] = 12,
        ["market"] = 3,
        ["advertisers"] = 4,
        ["downturn"] = 2,
        ["niche"] = 2,
        ["shows"] = 30,
    };

    private const string Passage =
        "In a downturn the podcast ad market hurts general shows first. Niche shows keep their advertisers, and podcast ads need " +
        "a clear audience. The ad market in a downturn rewards niche podcast shows that we've seen grow probably.";

    [Fact]
    public void Key_phrases_name_what_the_passage_is_about_not_what_the_whole_episode_is_about()
    {
        var candidates = HeadlineComposer.Candidates(Passage, Episode, 5);

        Assert.NotEmpty(candidates);
        Assert.DoesNotContain("podcast", candidates[0], StringComparison.OrdinalIgnoreCase);
        Assert.True(candidates[0].Contains("downturn", StringComparison.OrdinalIgnoreCase) || candidates[0].Contains("market", StringComparison.OrdinalIgnoreCase), string.Join(" | ", candidates));
    }

    [Fact]
    public void No_key_phrase_ends_on_a_verb_or_holds_a_contraction_or_an_adverb()
    {
        var candidates = HeadlineComposer.Candidates(Passage, Episode, 50);

        Assert.DoesNotContain(candidates, c => c.EndsWith(" need", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(candidates, c => c.Contains("we've", StringComparison.OrdinalIgnoreCase) || c.Contains("probably", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void No_key_phrase_loops_a_word_or_ends_on_a_past_tense()
    {
        const string text = "Then you print print print print debug lines, and the trial users and allowed managers asked for dashboards. "
            + "The audience remembered every jingle.";
        var candidates = HeadlineComposer.Candidates(text, Episode, 50);

        Assert.NotEmpty(candidates);
        Assert.DoesNotContain(candidates, c => c.Contains("print print", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(candidates, c => c.EndsWith("allowed", StringComparison.Ordinal) || c.EndsWith("remembered", StringComparison.Ordinal));
    }

    // Each row: a passage, a key phrase it must still offer, and the ends or pieces no key phrase may have.
    [Theory]
    [InlineData("So the editor template sounds a little bit odd, but the autocomplete engine saves a lot of typing for dictionary keys.",
        "autocomplete engine", "* bit|* lot")]
    [InlineData("Then Nancy Leveson published a long investigation in nineteen ninety-three about the radiation therapy machine built in Canada, "
        + "and the fix arrived in Dhahran too late for distributed systems engineers.",
        "radiation therapy machine|distributed systems engineers", "published a|arrived in*|* built|* nineteen")]
    [InlineData("If you build anything other teams need to plug into, the interface design is where most of the value sits.",
        "interface design", "need to")]
    [InlineData("Listeners end up checking the website over and over when feeds update slowly, and the feature got buried put away for months.",
        "checking the website", "* over|* away")]
    public void A_key_phrase_is_a_label_not_a_clause(string passage, string kept, string refused)
    {
        // Vague amounts, what happened, numbers cut in two, verbs taking an infinitive, phrasal-verb particles.
        var candidates = HeadlineComposer.Candidates(passage, new Dictionary<string, int>(StringComparer.Ordinal) { ["machine"] = 2, ["website"] = 2 }, 80);

        Assert.All(kept.Split('|'), k => Assert.Contains(candidates, c => c.Equals(k, StringComparison.OrdinalIgnoreCase)));
        foreach (var pattern in refused.Split('|'))
        {
            var piece = pattern.Trim('*');
            Assert.DoesNotContain(candidates, c => pattern.StartsWith('*') ? c.EndsWith(piece, StringComparison.OrdinalIgnoreCase)
                : pattern.EndsWith('*') ? c.StartsWith(piece, StringComparison.OrdinalIgnoreCase)
                : c.Contains(piece, StringComparison.OrdinalIgnoreCase));
        }
    }
}
