using PodBrief.Core.Data;
using PodBrief.Core.Ranking;

namespace PodBrief.Tests.Ranking;

public class RocchioProfileTests
{
    private static float[] V(params float[] v) => v;

    [Fact]
    public void Likes_pull_and_dislikes_push_and_the_result_is_unit_length()
    {
        var profile = RocchioProfile.Compose([V(1, 0, 0)], [V(0, 1, 0)], [V(0, 0, 1)])!;
        Assert.True(profile[1] > 0, "pulled towards the liked card");
        Assert.True(profile[2] < 0, "pushed away from the disliked card");
        Assert.Equal(1f, MathF.Sqrt(profile.Sum(x => x * x)), 3);
        // α = 1, β = 0.75, γ = 0.25 before normalizing.
        Assert.Equal(RankingWeights.ProfileLikedWeight / RankingWeights.ProfileQueryWeight, profile[1] / profile[0], 3);
    }

    [Fact]
    public void Nothing_positive_means_no_profile()
    {
        Assert.Null(RocchioProfile.Compose([], [], [V(1, 0)]));
        Assert.Null(RocchioProfile.Compose([], [], []));
    }

    [Fact]
    public void Quality_prefers_publisher_transcripts_with_timestamps_and_freshness_halves()
    {
        RankingCard Card(bool quote, bool timestamp, TranscriptProvenance provenance) =>
            new(1, 1, 1, null, "h", null, null, 1.0, quote, timestamp, provenance, DateTime.UtcNow, []);
        var publisher = RankingCandidates.Quality(Card(true, true, TranscriptProvenance.Publisher));
        var stt = RankingCandidates.Quality(Card(true, true, TranscriptProvenance.SpeechToText));
        var notes = RankingCandidates.Quality(Card(true, false, TranscriptProvenance.ShowNotes));
        Assert.True(publisher > stt && stt > notes);
        var now = new DateTime(2026, 3, 10, 0, 0, 0, DateTimeKind.Utc);
        Assert.Equal(0.5, RankingCandidates.Freshness(now.AddHours(-48), now, 48), 6);
        Assert.Equal(1.0, RankingCandidates.Freshness(now.AddHours(1), now, 48), 6);
    }
}
