using System.Net;
using Microsoft.EntityFrameworkCore;
using PodBrief.Core.Data;
using PodBrief.Testing;
using static PodBrief.IntegrationTests.Web.WebTestKit;

namespace PodBrief.IntegrationTests.Web;

public class DigestPagesTests
{
    internal static async Task<(long Full, long Empty, long ItemId)> SeedDigestsAsync(TestApp app, long subscriberId)
    {
        var cardIds = await SeedCardsAsync(app, "Digest Show", [("First idea", null), ("Second idea", null)]);
        await using var db = app.CreateDbContext();
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var full = new Digest { SubscriberId = subscriberId, LocalDate = new DateOnly(2026, 3, 1), MessageId = "<a@x>", State = DigestState.Sent, CreatedAt = now, ScheduledFor = now };
        full.Items.Add(new DigestItem { InsightCardId = cardIds[1], Position = 2, WhyLine = "Because you like ideas" });
        full.Items.Add(new DigestItem { InsightCardId = cardIds[0], Position = 1, WhyLine = "You follow Digest Show" });
        var empty = new Digest { SubscriberId = subscriberId, LocalDate = new DateOnly(2026, 3, 2), MessageId = "<b@x>", State = DigestState.Empty, CreatedAt = now, ScheduledFor = now };
        db.Digests.AddRange(full, empty);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return (full.Id, empty.Id, full.Items.Single(i => i.Position == 1).Id);
    }

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task Digest_web_view_archive_and_empty_day(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, _) = await StartAsync(provider);
        await using var _app = app;
        var me = await SeedSubscriberAsync(app, "reader@example.com");
        var other = await SeedSubscriberAsync(app, "other@example.com");
        var (full, empty, itemId) = await SeedDigestsAsync(app, me.Id);
        using var client = Client(app);

        var html = await BodyAsync(await client.GetAsync($"/digest/{full}/{me.ManageToken}", ct));
        Assert.Contains("Your brief for Sunday, 1 March 2026", html, StringComparison.Ordinal);
        Assert.True(html.IndexOf("First idea", StringComparison.Ordinal) < html.IndexOf("Second idea", StringComparison.Ordinal));
        Assert.Contains("You follow Digest Show", html, StringComparison.Ordinal);
        Assert.Contains($"/feedback/{me.ManageToken}/{itemId}/up", html, StringComparison.Ordinal);

        var emptyHtml = await BodyAsync(await client.GetAsync($"/digest/{empty}/{me.ManageToken}", ct));
        Assert.Contains("Nothing cleared the bar today", emptyHtml, StringComparison.Ordinal);

        var archive = await BodyAsync(await client.GetAsync($"/archive/{me.ManageToken}", ct));
        Assert.Contains($"/digest/{full}/{me.ManageToken}", archive, StringComparison.Ordinal);
        Assert.Contains($"/digest/{empty}/{me.ManageToken}", archive, StringComparison.Ordinal);
        Assert.Contains("nothing cleared the bar", archive, StringComparison.Ordinal);

        // Someone else's token never opens my digest.
        var foreign = await client.GetAsync($"/digest/{full}/{other.ManageToken}", ct);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.DoesNotContain("First idea", await BodyAsync(foreign), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/archive/not-a-token", ct)).StatusCode);
    }

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task Feedback_get_records_nothing_post_records_and_undo_undoes(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, _) = await StartAsync(provider);
        await using var _app = app;
        var me = await SeedSubscriberAsync(app, "voter@example.com");
        var (_, _, itemId) = await SeedDigestsAsync(app, me.Id);
        using var client = Client(app);
        var url = $"/feedback/{me.ManageToken}/{itemId}/less";

        var page = await client.GetAsync(url, ct);
        var pageHtml = await BodyAsync(page);
        AssertStatus(HttpStatusCode.OK, page, pageHtml);
        Assert.Contains("data-autosubmit", pageHtml, StringComparison.Ordinal);
        Assert.Contains("Less from Digest Show", pageHtml, StringComparison.Ordinal);
        await using (var db = app.CreateDbContext())
        {
            Assert.Equal(0, await db.Feedback.CountAsync(ct));
        }

        var post = await client.PostAsync(url, new FormUrlEncodedContent([new("__RequestVerificationToken", AntiforgeryToken(pageHtml))]), ct);
        var thanks = await BodyAsync(post);
        AssertStatus(HttpStatusCode.OK, post, thanks);
        Assert.Contains("Thanks —", thanks, StringComparison.Ordinal);
        Assert.Contains(">Undo</button>", thanks, StringComparison.Ordinal);
        long feedbackId;
        await using (var db = app.CreateDbContext())
        {
            var row = await db.Feedback.SingleAsync(ct);
            feedbackId = row.Id;
            Assert.Equal(FeedbackKind.LessFromShow, row.Kind);
            Assert.Equal(me.Id, row.SubscriberId);
            Assert.Equal(PodcastPreference.Less, (await db.SubscriberPodcasts.SingleAsync(ct)).Preference);
        }

        var undo = await client.PostAsync(url + "?handler=Undo", new FormUrlEncodedContent([
            new("feedbackId", feedbackId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("__RequestVerificationToken", AntiforgeryToken(thanks)),
        ]), ct);
        Assert.Equal(HttpStatusCode.OK, undo.StatusCode);
        Assert.Contains("Undone", await BodyAsync(undo), StringComparison.Ordinal);
        await using (var db = app.CreateDbContext())
        {
            Assert.NotNull((await db.Feedback.SingleAsync(ct)).UndoneAt);
            Assert.Equal(0, await db.SubscriberPodcasts.CountAsync(ct));
        }

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/feedback/{me.ManageToken}/{itemId}/sideways", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/feedback/{me.ManageToken}/999999/up", ct)).StatusCode);
    }
}
