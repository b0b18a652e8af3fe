using PodBrief.Core.Insights;
using PodBrief.Core.Insights.Offline;

namespace PodBrief.Tests.Insights.Offline;

public class PassageCardComposerTests
{
    private static List<CandidateSentence> Sentences(params string[] texts) =>
        texts.Select((t, i) => new CandidateSentence(i, t, t.Split(' ').Length, i * 10.0, "Ada")).ToList();

    private static string Body(params string[] texts) => BodyOf(Sentences(texts));

    private static string BodyOf(List<CandidateSentence> all)
    {
        var text = PassageCardComposer.Compose(all, all[0], _ => 0.5, _ => true, (_, _) => 0);
        Assert.NotNull(text);
        return text.Body;
    }

    private const string Claim = "Google Podcasts is also developing a Wear OS app for smartwatches.";

    [Theory]
    [InlineData("I am one of the only people in the world with a watch like that.")]
    [InlineData("I'm an idiot, explain this to me like I'm five years old.")]
    [InlineData("However, I have checked before this podcast to be sure of it.")]
    [InlineData("Not quite as exciting.")]
    [InlineData("So I, I found that really interesting.")]
    [InlineData("So not quite as exciting.")]
    [InlineData("And so I think that I would have done the very same thing in their place.")]
    public void The_body_does_not_carry_on_into_the_speakers_aside(string aside)
    {
        Assert.Equal(Claim, Body(Claim, aside));
    }

    [Fact]
    public void The_body_does_not_carry_on_into_a_condition_without_its_outcome()
    {
        Assert.Equal(Claim, Body(Claim, "If you have a watch that has a single button and once you press it."));
    }

    [Fact]
    public void A_body_that_ends_on_a_condition_reads_on_to_its_outcome()
    {
        // The claim alone is past the length where a body stops reading on, and the outcome is a short sentence.
        const string claim = "Creating good audio is really key to keeping your podcast listeners engaged because no matter how good the content is, if your audio quality isn't good.";
        const string outcome = "It's unfortunately just going to turn them away.";
        Assert.Equal(claim + " " + outcome, Body(claim, outcome));
    }

    [Fact]
    public void A_body_that_ends_on_its_main_clause_does_not_read_on_past_its_length()
    {
        const string claim = "Creating good audio is really key to keeping your podcast listeners engaged because no matter how good the content is, the audio is what they hear first.";
        Assert.Equal(claim, Body(claim, "It's unfortunately just going to turn them away."));
    }

    [Fact]
    public void Unpunctuated_captions_without_speakers_carry_on_only_with_an_explicit_continuation()
    {
        const string claim = "the framework is free and open source so people can deploy it wherever they want";
        const string answer = "but if they don't want to run it themselves they can buy it as a service from you exactly";
        const string consequence = "which means a team can start on a laptop and move to a cloud service later";
        List<CandidateSentence> Unlabelled(params string[] texts) => [.. Sentences(texts).Select(s => s with { Speaker = null })];

        Assert.DoesNotContain("as a service", BodyOf(Unlabelled(claim, answer)), StringComparison.Ordinal);
        Assert.Contains("move to a cloud service", BodyOf(Unlabelled(claim, consequence)), StringComparison.Ordinal);
    }

    [Fact]
    public void Punctuated_sentences_without_speakers_still_carry_on()
    {
        const string more = "However, the app will need a phone nearby for the first setup of every single watch.";
        List<CandidateSentence> all = [.. Sentences(Claim, more).Select(s => s with { Speaker = null })];
        Assert.Equal(Claim + " " + more, BodyOf(all));
    }

    [Fact]
    public void A_short_sentence_that_says_what_follows_joins_the_claim()
    {
        const string consequence = "That means fewer phone trips.";
        Assert.Equal(Claim + " " + consequence, Body(Claim, consequence));
    }

    [Fact]
    public void A_short_sentence_carrying_the_story_on_with_so_joins_the_claim()
    {
        Assert.Equal(Claim + " They decided to build their own.", Body(Claim, "So they decided to build their own."));
    }

    [Fact]
    public void The_body_carries_on_into_what_follows_from_the_claim()
    {
        const string consequence = "That means the app will play episodes on the watch without a phone nearby.";
        Assert.Equal(Claim + " " + consequence, Body(Claim, consequence));
    }
}
