using PodBrief.Core.Common;

namespace PodBrief.Tests.Common;

public class TimeLabelTests
{
    [Theory]
    [InlineData(0, "00:00")]
    [InlineData(490, "08:10")]
    [InlineData(754.9, "12:34")]
    [InlineData(3599, "59:59")]
    [InlineData(3723, "1:02:03")]
    [InlineData(-5, "00:00")]
    [InlineData(double.NaN, "00:00")]
    public void Times_read_like_a_player_everywhere(double seconds, string expected) =>
        Assert.Equal(expected, TimeLabel.Format(seconds));

    [Fact]
    public void Listen_labels_carry_the_time_or_say_the_episode() =>
        Assert.Equal(["Listen from 12:34", "Listen to the episode"], [TimeLabel.ListenFrom(754), TimeLabel.ListenFrom(null)]);

    [Theory]
    [InlineData("https://example.com/ep/1", 754.6, "https://example.com/ep/1#t=754")]
    [InlineData("https://example.com/ep/1#chapter-2", null, "https://example.com/ep/1")]
    [InlineData("data:text/html,hi", 42.0, "/i/7?t=42")]
    [InlineData(null, null, "/i/7")]
    [InlineData(null, -3.0, "/i/7")]
    public void One_builder_makes_every_listen_link(string? page, double? start, string expected) =>
        Assert.Equal(expected, ListenLink.Build("", 7, page, start));
}
