using PodBrief.Core.Insights;
using PodBrief.Core.Insights.Offline;

namespace PodBrief.Tests.Insights.Offline;

public class PassageCardComposerTests
{
    private static List<CandidateSentence> Sentences(params string[] texts) =>
        texts.Select((t, i) => new CandidateSentence(i, t, t.Split(' ').Length, i * 10.0, "Ada")).ToList();

    private static string Body(params string[] texts)
    {
        var all = Sentences(texts);
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
    [InlineData("And so I think that I would have done the very same thing in their place.")]
    public void The_body_does_not_carry_on_into_the_speakers_aside(string aside)
    {
        Assert.Equal(Claim, Body(Claim, aside));
    }

    [Fact]
    public void The_body_carries_on_into_what_follows_from_the_claim()
    {
        const string consequence = "That means the app will play episodes on the watch without a phone nearby.";
        Assert.Equal(Claim + " " + consequence, Body(Claim, consequence));
    }
}
