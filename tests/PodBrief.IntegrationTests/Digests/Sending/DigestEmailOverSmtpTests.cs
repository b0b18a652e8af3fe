using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using PodBrief.Core.Common;
using PodBrief.Core.Data;
using PodBrief.Core.Digests;
using PodBrief.Core.Subscribers;
using PodBrief.Testing;

namespace PodBrief.IntegrationTests.Digests.Sending;

/// <summary>A digest sent through the real SMTP transport into a loopback sink, read back with MimeKit.</summary>
public class DigestEmailOverSmtpTests
{
    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task Sent_digest_has_both_parts_the_list_headers_and_its_stored_message_id(DatabaseProvider provider)
    {
        await using var f = await DeliveryFixture.StartAsync(provider);
        var seeded = await f.SeedDigestAsync("Reader@Example.com", "Distillation makes big models cheap to copy", "Second idea", "Third idea");

        await f.SendAsync(seeded.DigestId);

        var message = Assert.Single(f.Sink!.Messages);
        Assert.Equal(seeded.MessageId.Trim('<', '>'), message.MessageId);
        Assert.Equal("Reader@Example.com", Assert.Single(f.Sink.EnvelopeRecipients));
        Assert.Equal("brief@podbrief.test", ((MailboxAddress)message.From.Single()).Address);
        Assert.Equal("Distillation makes big models cheap to copy + 2 more", message.Subject);

        var alternative = Assert.IsType<MultipartAlternative>(message.Body);
        Assert.Equal(["text/plain", "text/html"], alternative.Select(p => p.ContentType.MimeType).ToArray());
        Assert.Contains("Distillation makes big models cheap to copy", message.TextBody, StringComparison.Ordinal);
        Assert.Contains(TimeLabel.PlayGlyph + " Listen from 12:34", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("You follow AI (0)", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("1 Example Street, 10115 Berlin", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("PodBrief Test Operator", message.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", message.HtmlBody, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("fonts.googleapis", message.HtmlBody, StringComparison.Ordinal);
        // CSS is inlined for clients that drop <style>.
        Assert.Contains("style=\"", message.HtmlBody, StringComparison.Ordinal);

        var unsubscribe = message.Headers[HeaderId.ListUnsubscribe];
        Assert.Matches("^<http://localhost:5080/unsubscribe/[A-Za-z0-9_-]+>, <mailto:unsubscribe@podbrief.test\\?subject=", unsubscribe);
        Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);
        Assert.Equal("\"PodBrief Test Operator digest\" <daily.podbrief.test>", message.Headers[HeaderId.ListId]);

        var digest = await f.DigestAsync(seeded.DigestId);
        Assert.Equal(DigestState.Sent, digest.State);
        Assert.Equal(f.App.Clock.GetUtcNow().UtcDateTime, digest.SentAt);
        Assert.Equal(1, digest.Attempts);
        Assert.Equal(message.Subject, digest.Subject);
        Assert.Null(digest.LastError);
        await using var db = f.App.CreateDbContext();
        Assert.Equal(1, (await db.AggregateCounters.SingleAsync(c => c.Name == SendDigestJob.SentCounter, TestContext.Current.CancellationToken)).Value);
    }

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task Every_link_matches_SubscriberLinks_and_its_token_resolves_to_the_subscriber(DatabaseProvider provider)
    {
        await using var f = await DeliveryFixture.StartAsync(provider);
        var seeded = await f.SeedDigestAsync();
        await f.SendAsync(seeded.DigestId);
        var message = Assert.Single(f.Sink!.Messages);
        var links = DeliveryFixture.Links(message.HtmlBody);

        var unsubscribeUrl = message.Headers[HeaderId.ListUnsubscribe]!.Split(',')[0].Trim('<', '>', ' ');
        var unsubscribeToken = unsubscribeUrl.Split('/')[^1];
        var viewUrl = Assert.Single(links, l => l.Contains("/digest/", StringComparison.Ordinal));
        var manageToken = viewUrl.Split('/')[^1];

        await f.App.WithScopeAsync(async sp =>
        {
            var subscriberLinks = sp.GetRequiredService<SubscriberLinks>();
            var tokens = sp.GetRequiredService<SubscriberTokenService>();
            Assert.Equal(subscriberLinks.Digest(seeded.DigestId, manageToken), viewUrl);
            Assert.Contains(subscriberLinks.Preferences(manageToken), links);
            Assert.Contains(subscriberLinks.Unsubscribe(unsubscribeToken), links);
            foreach (var itemId in seeded.ItemIds)
            {
                Assert.Contains(subscriberLinks.Feedback(manageToken, itemId, FeedbackKind.Up), links);
                Assert.Contains(subscriberLinks.Feedback(manageToken, itemId, FeedbackKind.Down), links);
                Assert.Contains(subscriberLinks.Feedback(manageToken, itemId, FeedbackKind.LessFromShow), links);
                Assert.Contains(subscriberLinks.Feedback(manageToken, itemId, FeedbackKind.Up), message.TextBody, StringComparison.Ordinal);
            }
            var manage = await tokens.FindValidAsync(manageToken, TokenPurpose.Manage, TestContext.Current.CancellationToken);
            var unsubscribe = await tokens.FindValidAsync(unsubscribeToken, TokenPurpose.Unsubscribe, TestContext.Current.CancellationToken);
            Assert.Equal(seeded.SubscriberId, manage?.SubscriberId);
            Assert.Equal(seeded.SubscriberId, unsubscribe?.SubscriberId);
            Assert.Null(unsubscribe!.ExpiresAt);
        });
        // The first card has a timestamp: the episode link starts there (754.6 s → #t=754).
        Assert.Contains("https://example.com/episodes/12#t=754", links);
        Assert.Contains("https://example.com/episodes/12", links);
    }

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task Card_text_from_a_feed_or_model_arrives_html_encoded(DatabaseProvider provider)
    {
        await using var f = await DeliveryFixture.StartAsync(provider);
        var seeded = await f.SeedDigestAsync("reader@example.com", "<script>alert('x')</script> & <img src=x onerror=alert(1)>");
        await using (var db = f.App.CreateDbContext())
        {
            var episode = await db.Episodes.SingleAsync(e => e.Cards.Any(c => c.Id == seeded.CardIds[0]), TestContext.Current.CancellationToken);
            episode.Link = "javascript:alert(document.cookie)";
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await f.SendAsync(seeded.DigestId);

        var message = Assert.Single(f.Sink!.Messages);
        var html = message.HtmlBody;
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>Models</b>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert('x')&lt;/script&gt; &amp; &lt;img src=x onerror=alert(1)&gt;", html, StringComparison.Ordinal);
        Assert.Contains("Episode 12: &lt;b&gt;Models&lt;/b&gt;", html, StringComparison.Ordinal);
        // A non-http(s) episode link is never put in the mail; the card's own page, whose player starts at ?t=, stands in.
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"http://localhost:5080/i/{seeded.CardIds[0]}?t=754", DeliveryFixture.Links(html));
        // The plain-text part shows the text as written.
        Assert.Contains("<script>alert('x')</script>", message.TextBody, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task Consecutive_digests_reuse_one_pooled_connection(DatabaseProvider provider)
    {
        await using var f = await DeliveryFixture.StartAsync(provider);
        var ids = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await f.SeedDigestAsync($"reader{i}@example.com")).DigestId);
        }
        foreach (var id in ids)
        {
            await f.SendAsync(id);
        }
        Assert.Equal(3, f.Sink!.Messages.Count);
        Assert.Equal(1, f.Sink.Sessions);
        Assert.Equal(3, f.Sink.Messages.Select(m => m.MessageId).Distinct().Count());
    }
}
