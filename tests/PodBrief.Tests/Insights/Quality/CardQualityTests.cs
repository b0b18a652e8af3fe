using PodBrief.Core.Insights;
using PodBrief.Core.Insights.Quality;

namespace PodBrief.Tests.Insights.Quality;

public class CardQualityTests
{
    private const string GoodBody =
        "Podcast apps that show transcripts get more listeners to stay to the end, because people can skim ahead and decide an episode is worth their time.";

    private static ExtractedCard Card(string headline, string body) => new(headline, body, "a quote", [], [], 0.5);

    private static IReadOnlyList<CardFault> Check(string headline, string body, string? language = "en") =>
        CardQuality.Check(Card(headline, body), language);

    [Fact]
    public void A_good_card_passes()
    {
        Assert.Empty(Check("Transcripts keep listeners to the end", GoodBody));
    }

    [Theory]
    [InlineData("Podcast apps that show transcripts", GoodBody)]
    [InlineData("Podcast apps", GoodBody)]
    public void A_headline_that_repeats_the_bodys_opening_is_an_echo(string headline, string body)
    {
        Assert.Contains(CardFault.HeadlineEchoesBody, Check(headline, body));
    }

    [Fact]
    public void A_headline_sharing_only_the_first_word_is_not_an_echo()
    {
        Assert.DoesNotContain(CardFault.HeadlineEchoesBody, Check("Podcast transcripts and retention", GoodBody));
    }

    [Theory]
    [InlineData("Why transcripts keep listeners…")]
    [InlineData("Why transcripts keep listeners...")]
    [InlineData("Why transcripts keep listeners to the")]
    [InlineData("Transcripts, retention and")]
    [InlineData("Transcripts and retention,")]
    [InlineData("Video channel being")]
    [InlineData("New features whenever")]
    [InlineData("Streaming since he's")]
    [InlineData("Back every single")]
    [InlineData("Smaller apps might")]
    [InlineData("Reliant on Apple anymore")]
    [InlineData("Directory listings already")]
    [InlineData("Share of a growing market instead")]
    [InlineData("Podcast downloads now")]
    public void A_headline_cut_off_is_detected(string headline)
    {
        Assert.Contains(CardFault.HeadlineCutOff, Check(headline, GoodBody));
    }

    [Theory]
    [InlineData("Audio only podcasting")]
    [InlineData("Spotify's exclusive shows")]
    [InlineData("Cloud deployment for enterprise teams")]
    [InlineData("Ad revenue per thousand downloads")]
    public void A_label_ending_on_a_noun_is_not_cut_off(string headline)
    {
        Assert.DoesNotContain(CardFault.HeadlineCutOff, Check(headline, GoodBody));
    }

    [Theory]
    [InlineData("Podcast apps that show transcripts get more listeners to stay to the end, because people can skim ahead…")]
    [InlineData("Podcast apps that show transcripts get more listeners to stay to the end, because people can skim ahead and")]
    [InlineData("Podcast apps that show transcripts get more listeners to stay to the end, because people can skim ahead and the.")]
    [InlineData("and podcast apps that show transcripts get more listeners to stay to the end, because people skim ahead.")]
    [InlineData("If your audio quality isn't good enough for the people who listen to the show every single week.")]
    [InlineData("When the listeners in the car switch over to another show with better audio and stronger guests.")]
    [InlineData("Of app that often gets built but especially if you're talking about businesses most apps are forms over data.")]
    [InlineData("Than what most podcast apps that show transcripts get from the listeners who stay to the very end.")]
    [InlineData("Making a show exclusive to one app loses about 90% of all of your Yeah. Podcast downloads, which is not a good plan.")]
    [InlineData("Podcast apps that show transcripts keep more of the Mm-hmm. Listeners who would otherwise stop halfway through.")]
    public void A_body_cut_off_is_detected(string body)
    {
        Assert.Contains(CardFault.BodyCutOff, Check("Transcripts keep listeners to the end", body));
    }

    [Theory]
    [InlineData("Podcast apps that show transcripts keep listeners to the end, as the data showed. Yeah. The effect held on every show.")]
    [InlineData("Listeners who could read along stayed to the end, and the hosts said okay. The effect held on every show we measured.")]
    public void A_backchannel_between_whole_sentences_is_not_a_cut(string body)
    {
        Assert.DoesNotContain(CardFault.BodyCutOff, Check("Transcripts keep listeners to the end", body));
    }

    [Theory]
    [InlineData("Of course podcast apps that show transcripts get more listeners to stay to the end, because people skim ahead.")]
    [InlineData("Of all the features we shipped, transcripts kept the most listeners to the end, because people skim ahead.")]
    public void A_body_opening_with_of_course_is_not_cut_off(string body)
    {
        Assert.DoesNotContain(CardFault.BodyCutOff, Check("Transcripts keep listeners to the end", body));
    }

    [Theory]
    [InlineData("That's why podcast apps that show transcripts get more listeners to stay until the very end of an episode.")]
    [InlineData("It's the reason podcast apps that show transcripts get more listeners to stay until the very end of an episode.")]
    [InlineData("This is how podcast apps that show transcripts get more listeners to stay until the very end of an episode.")]
    [InlineData("So this means podcast apps that show transcripts get more listeners to stay until the very end of an episode.")]
    [InlineData("Which is why podcast apps that show transcripts get more listeners to stay until the very end of an episode.")]
    [InlineData("They found that podcast apps that show transcripts get more listeners to stay until the very end of an episode.")]
    [InlineData("If it's not free for every listener, then podcast apps that show transcripts will not keep people to the end.")]
    [InlineData("When they launched the feature, podcast apps that show transcripts got more listeners to stay until the end.")]
    [InlineData("Is changing the whole audio industry by showing transcripts to every listener at the very end of an episode.")]
    [InlineData("One is the polling of every feed every hour, which costs hosts more bandwidth than the listeners themselves.")]
    [InlineData("The other one is that podcast apps that show transcripts get more listeners to stay until the very end.")]
    [InlineData("Third, pay the hosts who cannot afford transcripts, so that every listener can stay until the very end.")]
    public void A_body_that_needs_the_sentence_before_is_dangling(string body)
    {
        Assert.Contains(CardFault.DanglingStart, Check("Transcripts keep listeners to the end", body));
    }

    [Theory]
    [InlineData("It's hard to overstate how much podcast apps that show transcripts help listeners stay until the end.")]
    [InlineData("It turns out that podcast apps that show transcripts get more listeners to stay until the very end.")]
    [InlineData("Thisbe Smith found that podcast apps that show transcripts get more listeners to stay until the very end.")]
    [InlineData("One in five listeners now hears most podcasts on a video platform, more than on any single podcast app.")]
    [InlineData("Third-party ad networks now fill most podcast ad slots, which is why the same ad follows a listener around.")]
    public void A_dummy_it_or_a_word_that_only_starts_like_an_opener_is_not_dangling(string body)
    {
        Assert.DoesNotContain(CardFault.DanglingStart, Check("Transcripts keep listeners to the end", body));
    }

    [Theory]
    [InlineData("Thanks so much for having me on the show today, it is really a pleasure to be talking with all of you.")]
    [InlineData("This episode is brought to you by Acme, the best way to host your podcast, use the promo code for a month.")]
    [InlineData("Please subscribe and leave a review wherever you listen, it really helps other people find the show.")]
    [InlineData("Yeah, yeah, okay, um, so, like, you know, right, I mean it was great, yeah, cool, totally, absolutely great.")]
    [InlineData("We're getting us all together in the studio right now, three people in one room for the first time this year.")]
    [InlineData("That doesn't bother anybody who's just listening to this because they only hear the voices, not the faces.")]
    [InlineData("Our new station tool combines the power of modern voice technology to provide an unmatched localized radio experience.")]
    [InlineData("Today we're going to talk about the four things every good cover image needs if you want people to click on it.")]
    [InlineData("And people just keep sending bigger and bigger payments to the show every week and I'm like, stop doing that now.")]
    [InlineData("Don't forget to come to our live show in Manchester on the thirteenth of June, where lots of people will be.")]
    [InlineData("Last month our producer had a chance to sit down with the founder of a hosting company, and here's that conversation.")]
    public void Filler_small_talk_and_sponsor_reads_are_detected(string body)
    {
        Assert.Contains(CardFault.Filler, Check("A label about something", body));
    }

    [Theory]
    [InlineData("Ready radio GPT combines power GPT three technology future ease AI driven radio automation station voices jingles.")]
    [InlineData("We need to go we need to go we need to go back to the studio and record the whole thing again today.")]
    [InlineData("Blue seven window apple seventeen radio tower grass mountain cable orange river phone.")]
    public void Garbled_speech_to_text_is_detected(string body)
    {
        Assert.Contains(CardFault.Garbled, Check("Radio automation", body));
    }

    [Fact]
    public void A_phrase_said_three_times_apart_is_speech_not_a_loop()
    {
        const string body = "Instead of 33% of downloads for Spotify, Spotify has 8% of downloads, and Apple has 70% of downloads, which is massive.";
        Assert.DoesNotContain(CardFault.Garbled, Check("Download shares by app", body));
    }

    [Fact]
    public void A_short_body_is_too_short()
    {
        Assert.Contains(CardFault.TooShort, Check("Transcripts and retention", "Transcripts keep people listening longer."));
    }

    [Fact]
    public void Chinese_is_counted_by_characters_not_by_runs()
    {
        // One unspaced run of 30 characters is about 18 words, not one.
        const string body = "播客应用显示文字稿以后，听众更愿意听到最后，因为他们可以先浏览内容再决定是否值得花时间。";
        Assert.Empty(Check("文字稿与收听完成率", body, "zh"));
        Assert.Contains(CardFault.TooShort, Check("文字稿与收听完成率", "文字稿很有用。", "zh"));
        Assert.Contains(CardFault.HeadlineEchoesBody, Check("播客应用显示文字稿", body, "zh"));
        Assert.Contains(CardFault.DanglingStart, Check("文字稿与收听完成率", "所以" + body, "zh"));
        Assert.Contains(CardFault.Filler, Check("文字稿与收听完成率", "感谢收听本期节目，" + body, "zh"));
    }

    [Fact]
    public void Spanish_is_judged_by_spanish_rules()
    {
        const string body = "Telegram creció tanto porque permite canales con millones de suscriptores sin algoritmo que decida qué se ve.";
        Assert.Empty(Check("Por qué creció Telegram", body, "es"));
        Assert.Contains(CardFault.DanglingStart, Check("Por qué creció Telegram", "Eso explica por qué " + body, "es"));
    }

    [Fact]
    public void Every_fault_has_a_description()
    {
        foreach (var fault in Enum.GetValues<CardFault>())
        {
            Assert.False(string.IsNullOrWhiteSpace(CardQuality.Describe(fault)));
            Assert.NotEqual(fault.ToString(), CardQuality.Describe(fault));
        }
    }

    [Fact]
    public void A_drop_tally_round_trips_through_its_stored_form()
    {
        var tally = new DropTally();
        tally.Add(CardFault.Filler);
        tally.Add(CardFault.Filler);
        tally.Add(DropTally.QuoteNotFound);
        Assert.Equal("Filler=2; QuoteNotFound=1", tally.Serialize());
        Assert.Equal(tally.Counts, DropTally.Parse(tally.Serialize()));
        Assert.Equal(CardQuality.Describe(CardFault.Filler), DropTally.Describe("Filler"));
    }
}
