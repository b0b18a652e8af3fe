using PodBrief.Core.Insights;
using PodBrief.Core.Transcripts.Parsing;

namespace PodBrief.Tests.Insights.Offline;

public class SentenceInformativenessTests
{
    private static double Score(string text) => SentenceInformativeness.Score(new CandidateSentence(0, text, TranscriptText.CountWords(text), 0, null));

    [Fact]
    public void The_generic_you_of_advice_is_not_the_speaker_talking_about_themselves()
    {
        const string advice = "You should start every edit from a copy of the previous episode, which saves an hour each time.";
        const string aboutMe = "I should start every edit from a copy of the previous episode, which saves an hour each time.";
        Assert.True(Score(advice) > Score(aboutMe), $"advice {Score(advice):0.00}, about the speaker {Score(aboutMe):0.00}");
    }

    [Theory]
    [InlineData("The only thing that keeps a small show alive is the community of listeners who support it directly.", "The thing that keeps a small show alive is the community of listeners who support it directly.")]
    [InlineData("The number one place people find new shows is the video platform, ahead of the podcast apps.", "A place people find new shows is the video platform, ahead of the podcast apps.")]
    public void The_point_marked_as_the_one_that_counts_scores_above_the_same_sentence_unmarked(string marked, string plain) =>
        Assert.True(Score(marked) > Score(plain), $"marked {Score(marked):0.00}, plain {Score(plain):0.00}");

    [Fact]
    public void Not_only_is_a_list_not_an_emphasis()
    {
        const string notOnly = "The feature is not only faster for listeners but cheaper for the hosts who run the servers.";
        const string plain = "The feature is not faster for listeners but cheaper for the hosts who run the servers.";
        Assert.Equal(Score(plain), Score(notOnly), 3);
    }

    [Theory]
    [InlineData("About 40% of new listeners now find their next show through a friend's recommendation.", "About 40 of our new listeners now find their next show through a friend's recommendation.")]
    [InlineData("Revenue grew by $12 a listener in the quarter, which is more than in the whole of last year.", "Revenue grew in 12 weeks of the quarter, which is more than in the whole of last year.")]
    [InlineData("One out of five listeners say they hear most of their shows on a video platform now.", "One of the five listeners says they hear most of their shows on a video platform now.")]
    public void A_measured_amount_scores_above_a_bare_number(string measured, string bare) =>
        Assert.True(Score(measured) > Score(bare), $"measured {Score(measured):0.00}, bare {Score(bare):0.00}");
}
