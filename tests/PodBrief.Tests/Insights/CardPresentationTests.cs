using PodBrief.Core.Insights;

namespace PodBrief.Tests.Insights;

public class CardPresentationTests
{
    [Theory]
    [InlineData("If you can query it, you can distill it.", "if you can query it you can distill it", false)]
    [InlineData("Distillation is cheap. If you can query it, you can distill it.", "If you can query it, you can distill it", false)]
    [InlineData("Small models trained on a big one's answers copy its edge.", "if you can query it, you can distill it", true)]
    [InlineData("The reason is that those videos were not performing at the same level.", "Uh, the reason is that, um, those videos were not performing at all at the same level.", false)]
    [InlineData("Anything", "", false)]
    [InlineData("Anything", null, false)]
    public void A_quote_shows_only_when_it_adds_to_the_body(string body, string? quote, bool shown) =>
        Assert.Equal(shown, CardPresentation.QuoteAddsToBody(body, quote));

    [Theory]
    [InlineData("SPEAKER_2", true)]
    [InlineData("Speaker 1", true)]
    [InlineData("Unknown", true)]
    [InlineData("Jingle", true)]
    [InlineData("unknown speaker", true)]
    [InlineData("", true)]
    [InlineData("Lex Fridman", false)]
    [InlineData("Ben Thompson", false)]
    public void Generic_speaker_labels_are_hidden(string speaker, bool generic)
    {
        Assert.Equal(generic, CardPresentation.IsGenericSpeaker(speaker));
        Assert.Equal(generic ? null : speaker, CardPresentation.SpeakerToShow(speaker));
    }
}
