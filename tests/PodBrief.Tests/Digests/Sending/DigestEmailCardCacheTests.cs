using MimeKit;
using PodBrief.Core.Digests;

namespace PodBrief.Tests.Digests.Sending;

/// <summary>The batch's card cache (issue 13) changes how often a card is prepared, never what a digest shows.</summary>
public class DigestEmailCardCacheTests
{
    private static readonly DigestEmailComposer Composer = DigestEmailRenderingTests.CreateComposer("Brief & Co", "1 Main St, Springfield");

    [Fact]
    public void Two_digests_sharing_a_card_render_as_they_would_without_the_cache()
    {
        var first = DigestEmailRenderingTests.Content();
        // Another reader's digest: the same first card under its own item id and why-line, a different second card.
        var second = first with
        {
            DigestId = 43,
            MessageId = "<d43@brief.example>",
            RecipientEmail = "other@example.com",
            ManageToken = "other-manage",
            UnsubscribeToken = "other-unsub",
            Cards = [first.Cards[0] with { DigestItemId = 9, WhyLine = "From a show you follow" }, first.Cards[1] with { DigestItemId = 10, InsightCardId = 103 }],
        };
        var cards = new DigestEmailCardCache();
        foreach (var content in new[] { first, second, first })
        {
            AssertSame(Composer.Compose(content), Composer.Compose(content, cards));
        }
        Assert.Contains("From a show you follow", Composer.Compose(second, cards).TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void A_card_that_changed_under_the_same_id_is_prepared_again()
    {
        var cards = new DigestEmailCardCache();
        var yesterday = DigestEmailRenderingTests.Content();
        _ = Composer.Compose(yesterday, cards);
        // The next batch's load (or an edit) gives card 101 other text: a cache kept by mistake must not show the old.
        var today = yesterday with
        {
            Cards = [yesterday.Cards[0] with { Headline = "Distillation, revisited", EpisodeUrl = "https://open.example/143", ArtworkUrl = null, AlsoDiscussedIn = null }],
        };
        var message = Composer.Compose(today, cards);
        AssertSame(Composer.Compose(today), message);
        Assert.Contains("Distillation, revisited", message.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("closed models leak", message.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Also discussed", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("https://open.example/143#t=754", message.TextBody, StringComparison.Ordinal);
    }

    /// <summary>Everything but the Date header and the MIME boundary, which differ per call anyway.</summary>
    private static void AssertSame(MimeMessage expected, MimeMessage actual)
    {
        Assert.Equal(expected.Subject, actual.Subject);
        Assert.Equal(expected.TextBody, actual.TextBody);
        Assert.Equal(expected.HtmlBody, actual.HtmlBody);
        Assert.Equal(
            expected.Headers.Where(h => h.Id != HeaderId.Date).Select(h => h.ToString()),
            actual.Headers.Where(h => h.Id != HeaderId.Date).Select(h => h.ToString()));
    }
}
