using PodBrief.Core.Insights;
using PodBrief.Core.Insights.Offline;

namespace PodBrief.Tests.Insights.Offline;

public class SponsorReadsTests
{
    private static List<CandidateSentence> Sentences(params string[] texts) =>
        texts.Select((t, i) => new CandidateSentence(i, t, t.Split(' ').Length, i * 10.0, null)).ToList();

    [Fact]
    public void A_named_sponsor_marks_its_mid_roll_read_even_without_ad_wording()
    {
        var talk = Enumerable.Range(0, 20).Select(i => $"Framework detail number {i} explains how the server pushes state to the browser.").ToList();
        talk[0] = "This episode is sponsored by Acme for Startups Builders Desk.";
        talk[12] = "Unlike others in the industry, Builders Desk does not require startups to be investor backed to join.";
        var ad = SponsorReads.Find(Sentences([.. talk]));

        Assert.Contains(12, ad);
        Assert.Contains(13, ad);
        Assert.DoesNotContain(8, ad);
        Assert.DoesNotContain(17, ad);
    }

    [Fact]
    public void Without_a_sponsor_only_the_sentences_around_ad_wording_are_marked()
    {
        var talk = Enumerable.Range(0, 20).Select(i => $"Framework detail number {i} explains how the server pushes state to the browser.").ToList();
        talk[10] = "Use code BRIEF for a free trial of the tool.";
        var ad = SponsorReads.Find(Sentences([.. talk]));

        Assert.Contains(10, ad);
        Assert.Contains(14, ad);
        Assert.DoesNotContain(2, ad);
        Assert.DoesNotContain(15, ad);
    }

    [Theory]
    [InlineData("Microsoft for startups founders hub", "startups founders|founders hub")]
    [InlineData("Sentry", "sentry")]
    [InlineData("the team at", "")]
    public void A_sponsor_is_recognised_by_its_one_word_name_or_pairs_of_content_words(string name, string expected)
    {
        Assert.Equal(expected, string.Join('|', SponsorReads.NamePhrases(name)));
    }
}
