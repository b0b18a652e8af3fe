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
}
