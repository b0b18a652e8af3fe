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

    [Fact]
    public void No_key_phrase_ends_on_a_vague_amount()
    {
        var candidates = HeadlineComposer.Candidates(
            "So the editor template sounds a little bit odd, but the autocomplete engine saves a lot of typing for dictionary keys.",
            new Dictionary<string, int>(StringComparer.Ordinal) { ["template"] = 2, ["autocomplete"] = 3 }, 50);

        Assert.Contains(candidates, c => c.Equals("autocomplete engine", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(candidates, c => c.EndsWith(" bit", StringComparison.OrdinalIgnoreCase) || c.EndsWith(" lot", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void No_key_phrase_tells_what_happened_or_ends_inside_a_number()
    {
        var candidates = HeadlineComposer.Candidates(
            "Then Nancy Leveson published a long investigation in nineteen ninety-three about the radiation therapy machine built in Canada, "
            + "and the fix arrived in Dhahran too late for distributed systems engineers.",
            new Dictionary<string, int>(StringComparer.Ordinal) { ["investigation"] = 2, ["machine"] = 2 }, 80);

        Assert.Contains(candidates, c => c.Equals("radiation therapy machine", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(candidates, c => c.Equals("distributed systems engineers", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(candidates, c => c.Contains("published a", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(candidates, c => c.StartsWith("arrived in", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(candidates, c => c.EndsWith(" built", StringComparison.Ordinal) || c.EndsWith(" nineteen", StringComparison.Ordinal));
    }

    [Fact]
    public void No_key_phrase_holds_a_verb_taking_an_infinitive()
    {
        var candidates = HeadlineComposer.Candidates(
            "If you build anything other teams need to plug into, the interface design is where most of the value sits.",
            new Dictionary<string, int>(StringComparer.Ordinal) { ["interface"] = 2, ["teams"] = 2 }, 50);

        Assert.Contains(candidates, c => c.Equals("interface design", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(candidates, c => c.Contains("need to", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void No_key_phrase_ends_on_the_particle_of_a_phrasal_verb()
    {
        var candidates = HeadlineComposer.Candidates(
            "Listeners end up checking the website over and over when feeds update slowly, and the feature got buried put away for months.",
            new Dictionary<string, int>(StringComparer.Ordinal) { ["website"] = 2, ["feeds"] = 3 }, 50);

        Assert.Contains(candidates, c => c.Equals("checking the website", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(candidates, c => c.EndsWith(" over", StringComparison.OrdinalIgnoreCase) || c.EndsWith(" away", StringComparison.OrdinalIgnoreCase));
    }
}
