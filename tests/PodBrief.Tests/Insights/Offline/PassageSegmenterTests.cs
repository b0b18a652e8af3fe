using PodBrief.Core.Insights;
using PodBrief.Core.Insights.Offline;

namespace PodBrief.Tests.Insights.Offline;

public class PassageSegmenterTests
{
    private static float[] Axis(int axis, float wobble)
    {
        var v = new float[4];
        v[axis] = 1;
        v[(axis + 1) % 4] = wobble;
        return v;
    }

    [Fact]
    public void Boundaries_fall_where_the_topic_changes()
    {
        // Three topics of 8 sentences each: the passages must break at 8 and 16.
        var vectors = Enumerable.Range(0, 24).Select(i => Axis(i / 8, (i % 3) * 0.05f)).ToList();
        var passages = PassageSegmenter.Segment(vectors, 3);
        Assert.Equal(Enumerable.Range(0, 24).Select(i => i / 8), passages);
    }

    [Fact]
    public void One_topic_asked_for_one_passage_is_one_passage() =>
        Assert.All(PassageSegmenter.Segment(Enumerable.Range(0, 10).Select(i => Axis(0, i * 0.01f)).ToList(), 1), p => Assert.Equal(0, p));
}

public class HeadlineComposerTests
{
    private static readonly Dictionary<string, int> Frequencies = new(StringComparer.Ordinal) { ["podcasts"] = 9, ["dave"] = 4, ["adam"] = 4, ["audio"] = 6, ["quality"] = 5 };

    [Theory]
    [InlineData("We keep following all the work that Dave and Adam are doing on the spec.", "Dave and Adam")]
    [InlineData("Most listeners never try other podcasts once they settle in.", "Other podcasts")]
    public void Vague_labels_are_not_candidates(string body, string vague) =>
        Assert.DoesNotContain(HeadlineComposer.Candidates(body, Frequencies), c => string.Equals(c, vague, StringComparison.OrdinalIgnoreCase));

    [Fact]
    public void A_phrase_that_names_a_thing_is_a_candidate() =>
        Assert.Contains("audio quality", HeadlineComposer.Candidates("Listeners leave a show within minutes when the audio quality drops.", Frequencies));
}
