using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PodBrief.Core.Data;
using PodBrief.Testing;
using static PodBrief.IntegrationTests.Web.WebTestKit;

namespace PodBrief.IntegrationTests.Web;

/// <summary>/Admin/Subscribers and /Admin/Digests through HTTP: login, search, paging, encoding, antiforgery, actions.</summary>
public class AdminSubscribersAndDigestsTests
{
    private const string HostileAddress = "x<script>alert(1)</script>@example.com";

    private static HttpClient AdminClient(TestApp app)
    {
        var client = Client(app);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:test-admin-password")));
        return client;
    }

    /// <summary>The app with <paramref name="count"/> subscribers (even: active, odd: pending) and one with a hostile address.</summary>
    private static async Task<(TestApp App, CapturingMailTransport Mail, List<Subscriber> Rows)> StartSeededAsync(DatabaseProvider provider, int count)
    {
        var (app, mail) = await StartAsync(provider);
        return (app, mail, await SeedSubscribersAsync(app, count));
    }

    private static async Task<List<Subscriber>> SeedSubscribersAsync(TestApp app, int count)
    {
        await using var db = app.CreateDbContext();
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var rows = Enumerable.Range(0, count).Select(i => new Subscriber
        {
            Email = $"reader{i:00}@example.com",
            EmailNormalized = $"reader{i:00}@example.com",
            Status = i % 2 == 0 ? SubscriberStatus.Active : SubscriberStatus.Pending,
            CreatedAt = now,
            NextSendAt = i % 2 == 0 ? now.AddHours(1) : null,
        }).Append(new Subscriber { Email = HostileAddress, EmailNormalized = HostileAddress, Status = SubscriberStatus.Active, CreatedAt = now, HardBounceCount = 2 })
        .ToList();
        db.Subscribers.AddRange(rows);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return rows;
    }

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task Subscribers_page_needs_the_login_searches_pages_and_encodes_addresses(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, _, _) = await StartSeededAsync(provider, 55);
        await using var _app = app;

        using var anonymous = Client(app);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/Admin/Subscribers", ct)).StatusCode);

        using var client = AdminClient(app);
        var first = await BodyAsync(await client.GetAsync("/Admin/Subscribers", ct));
        Assert.Contains("56 subscriber(s), page 1 of 2", first, StringComparison.Ordinal);
        Assert.Equal(50, CountRows(first));
        Assert.DoesNotContain("<script>alert(1)</script>", first, StringComparison.Ordinal);
        Assert.Contains("x&lt;script&gt;alert(1)&lt;/script&gt;@example.com", first, StringComparison.Ordinal);
        var second = await BodyAsync(await client.GetAsync("/Admin/Subscribers?p=2", ct));
        Assert.Equal(6, CountRows(second));

        var search = await BodyAsync(await client.GetAsync("/Admin/Subscribers?q=READER0", ct));
        Assert.Contains("10 subscriber(s)", search, StringComparison.Ordinal);
        var pending = await BodyAsync(await client.GetAsync("/Admin/Subscribers?q=reader0&status=Pending", ct));
        Assert.Contains("5 subscriber(s)", pending, StringComparison.Ordinal);
        Assert.Equal(5, CountOccurrences(pending, "Resend confirmation</button>"));
    }

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task Operator_actions_resend_unsubscribe_and_delete_and_refuse_a_post_without_antiforgery(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, mail, rows) = await StartSeededAsync(provider, 3);
        await using var _app = app;
        var (active, pendingOne, doomed) = (rows[0], rows[1], rows[2]);
        using var client = AdminClient(app);

        var forged = await client.PostAsync($"/Admin/Subscribers?handler=Delete&id={doomed.Id}", new FormUrlEncodedContent([]), ct);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);

        var resent = await SubmitAsync(client, "/Admin/Subscribers", [], $"/Admin/Subscribers?handler=Resend&id={pendingOne.Id}");
        Assert.Equal(HttpStatusCode.Redirect, resent.StatusCode);
        var confirmation = Assert.Single(mail.To(pendingOne.Email));
        Assert.Contains("/confirm/", confirmation.TextBody, StringComparison.Ordinal);
        // An active subscriber is not pending: nothing is sent.
        await SubmitAsync(client, "/Admin/Subscribers", [], $"/Admin/Subscribers?handler=Resend&id={active.Id}");
        Assert.Empty(mail.To(active.Email));

        await SubmitAsync(client, "/Admin/Subscribers", [], $"/Admin/Subscribers?handler=Unsubscribe&id={active.Id}");
        await SubmitAsync(client, "/Admin/Subscribers", [], $"/Admin/Subscribers?handler=Delete&id={doomed.Id}");

        await using var db = app.CreateDbContext();
        var unsubscribed = await db.Subscribers.AsNoTracking().SingleAsync(s => s.Id == active.Id, ct);
        Assert.Equal(SubscriberStatus.Unsubscribed, unsubscribed.Status);
        Assert.Null(unsubscribed.NextSendAt);
        Assert.False(await db.Subscribers.AnyAsync(s => s.Id == doomed.Id, ct));
        var page = await BodyAsync(await client.GetAsync("/Admin/Subscribers", ct));
        Assert.DoesNotContain(doomed.Email, page, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task Digests_page_counts_states_per_day_lists_failures_with_reasons_and_opens_a_digest(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, _, subscribers) = await StartSeededAsync(provider, 4);
        await using var _app = app;
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        long failedId, sentId;
        await using (var db = app.CreateDbContext())
        {
            var now = app.Clock.GetUtcNow().UtcDateTime;
            var podcast = new Podcast { FeedUrl = "https://feeds.example.com/admin.xml", Title = "Admin Show", CreatedAt = now, UpdatedAt = now, NextCheckAt = now };
            var episode = new Episode { Podcast = podcast, IdentityKey = "admin-ep", Title = "Ep", PublishedAt = now, FirstSeenAt = now, UpdatedAt = now };
            var card = new InsightCard { Episode = episode, Headline = "Containers <b>cut</b> costs", Body = "Boxes made shipping cheap.", Quote = "the box changed everything", Importance = 0.9, ExtractorName = "test", CreatedAt = now };
            db.InsightCards.Add(card);
            await db.SaveChangesAsync(ct);
            card.PodcastId = podcast.Id;
            Digest Make(Subscriber s, DateOnly date, DigestState state, string? error = null) => new()
            {
                SubscriberId = s.Id,
                LocalDate = date,
                State = state,
                MessageId = $"<{Guid.NewGuid():N}@t>",
                ScheduledFor = now,
                CreatedAt = now,
                LastError = error,
            };
            var sent = Make(subscribers[0], today, DigestState.Sent);
            sent.Items.Add(new DigestItem { InsightCardId = card.Id, Position = 0, Score = 1, WhyLine = "You follow <i>shipping</i>" });
            var failed = Make(subscribers[1], today, DigestState.Failed, "550 <mailbox> unavailable");
            db.Digests.AddRange(sent, failed, Make(subscribers[2], today, DigestState.Sent), Make(subscribers[3], today.AddDays(-1), DigestState.Skipped),
                Make(subscribers[0], today.AddDays(-1), DigestState.Pending, "421 try later"), Make(subscribers[1], today.AddDays(-40), DigestState.Sent));
            await db.SaveChangesAsync(ct);
            (failedId, sentId) = (failed.Id, sent.Id);
        }
        using var client = AdminClient(app);

        var html = await BodyAsync(await client.GetAsync("/Admin/Digests", ct));

        var todayRow = Row(html, $"data-day=\"{today:yyyy-MM-dd}\"");
        Assert.Contains("<td data-state=\"Sent\">2</td>", todayRow, StringComparison.Ordinal);
        Assert.Contains("<td data-state=\"Failed\">1</td>", todayRow, StringComparison.Ordinal);
        Assert.Contains("<td data-state=\"Skipped\">1</td>", Row(html, $"data-day=\"{today.AddDays(-1):yyyy-MM-dd}\""), StringComparison.Ordinal);
        Assert.DoesNotContain($"data-day=\"{today.AddDays(-40):yyyy-MM-dd}\"", html, StringComparison.Ordinal);
        Assert.Contains("2 digest(s).", html, StringComparison.Ordinal);
        Assert.Contains("550 &lt;mailbox&gt; unavailable", html, StringComparison.Ordinal);
        Assert.Contains("waiting to retry", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/Admin/Digests/View/{failedId}\"", html, StringComparison.Ordinal);

        var view = await BodyAsync(await client.GetAsync($"/Admin/Digests/View/{sentId}", ct));
        Assert.Contains("Containers &lt;b&gt;cut&lt;/b&gt; costs", view, StringComparison.Ordinal);
        Assert.Contains("You follow &lt;i&gt;shipping&lt;/i&gt;", view, StringComparison.Ordinal);
        Assert.DoesNotContain("/feedback/", view, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/Admin/Digests/View/999999", ct)).StatusCode);
        using var anonymous = Client(app);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/Admin/Digests/View/{sentId}", ct)).StatusCode);
    }

    private static int CountRows(string html) => CountOccurrences(html, "<tr data-subscriber=");

    private static int CountOccurrences(string html, string needle) =>
        (html.Length - html.Replace(needle, "", StringComparison.Ordinal).Length) / needle.Length;

    private static string Row(string html, string marker)
    {
        var start = html.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(start >= 0, $"No row {marker}");
        return html[start..html.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }
}
