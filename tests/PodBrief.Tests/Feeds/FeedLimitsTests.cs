using System.Text;
using PodBrief.Core.Feeds.Parsing;

namespace PodBrief.Tests.Feeds;

public class FeedLimitsTests
{
    private static string Nested(int depth, string inner = "x") =>
        new StringBuilder().Insert(0, "<a>", depth).Append(inner).Insert(depth * 3 + inner.Length, "</a>", depth).ToString();

    [Fact]
    public void Sixty_four_levels_pass_and_sixty_five_are_refused()
    {
        FeedLimits.Check(Nested(FeedLimits.MaxDepth), TestContext.Current.CancellationToken);
        var error = Assert.Throws<FeedParseException>(() => FeedLimits.Check(Nested(FeedLimits.MaxDepth + 1), TestContext.Current.CancellationToken));
        Assert.Contains("deeper than 64", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Comments_cdata_declarations_self_closing_tags_and_quoted_brackets_do_not_count()
    {
        var noise = string.Concat(Enumerable.Repeat("<!-- <a> --><![CDATA[<a><a>]]><?pi <a>?><br/><img src=\"x\" alt='a > b'/>", 200));
        FeedLimits.Check("<?xml version=\"1.0\"?><!DOCTYPE rss><rss><channel>" + noise + "</channel></rss>", TestContext.Current.CancellationToken);
    }

    [Fact]
    public void Siblings_close_their_level_so_a_long_flat_feed_passes()
    {
        var items = string.Concat(Enumerable.Repeat("<item><title>t</title><enclosure url=\"u\"/></item>", 50_000));
        FeedLimits.Check("<rss><channel>" + items + "</channel></rss>", TestContext.Current.CancellationToken);
    }

    [Fact]
    public void A_cancelled_parse_stops()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var flat = "<rss><channel>" + string.Concat(Enumerable.Repeat("<item>t</item>", 20_000)) + "</channel></rss>";
        Assert.Throws<OperationCanceledException>(() => FeedParser.Parse(Encoding.UTF8.GetBytes(flat), cancellationToken: cancelled.Token));
    }

    [Fact]
    public void The_parser_refuses_a_deep_feed_before_building_a_document()
    {
        var deep = "<rss><channel><title>Deep</title>" + Nested(200_000) + "</channel></rss>";
        var error = Assert.Throws<FeedParseException>(() => FeedParser.Parse(Encoding.UTF8.GetBytes(deep), cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("deeper than 64", error.Message, StringComparison.Ordinal);
    }
}
