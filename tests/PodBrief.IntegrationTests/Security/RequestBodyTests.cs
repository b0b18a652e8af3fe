using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PodBrief.Core.Data;
using PodBrief.Core.Subscribers;
using PodBrief.IntegrationTests.Web;
using PodBrief.Testing;
using static PodBrief.IntegrationTests.Web.WebTestKit;

namespace PodBrief.IntegrationTests.Security;

/// <summary>Issue 11 items 5, 6 and 7: what a POST body may and may not do, over real HTTP.</summary>
public class RequestBodyTests
{
    public static TheoryData<string, string> OneClickBodies => new()
    {
        { "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click%00" },
        { "multipart/form-data; boundary=XyZ", "--XyZ\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\nOne-Click\r\n" },
        { "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click&token=junk" },
        { "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click" },
    };

    [Theory, MemberData(nameof(OneClickBodies))]
    public async Task One_click_unsubscribe_is_decided_by_the_route_token_alone(string contentType, string body)
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, _) = await StartAsync(DatabaseProvider.Sqlite, overHttp: true);
        await using var _app = app;
        var me = await SeedSubscriberAsync(app, "leaving@example.com");
        using var client = Client(app);

        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        var response = await client.PostAsync($"/unsubscribe/{me.UnsubscribeToken}", content, ct);
        var html = await BodyAsync(response);
        AssertStatus(HttpStatusCode.OK, response, html);
        Assert.Contains("You are unsubscribed", html, StringComparison.Ordinal);
        await using var db = app.CreateDbContext();
        Assert.Equal(SubscriberStatus.Unsubscribed, (await db.Subscribers.SingleAsync(ct)).Status);
    }

    [Fact]
    public async Task A_body_token_never_unsubscribes_someone_else()
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, _) = await StartAsync(DatabaseProvider.Sqlite, overHttp: true);
        await using var _app = app;
        var victim = await SeedSubscriberAsync(app, "victim@example.com");
        using var client = Client(app);

        var response = await client.PostAsync("/unsubscribe/not-a-token",
            new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click"), new("token", victim.UnsubscribeToken)]), ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await using var db = app.CreateDbContext();
        Assert.Equal(SubscriberStatus.Active, (await db.Subscribers.SingleAsync(ct)).Status);
    }

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task Feedback_is_one_vote_per_item_and_kind_and_unknown_handlers_are_404(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, _) = await StartAsync(provider, overHttp: true);
        await using var _app = app;
        var me = await SeedSubscriberAsync(app, "voter@example.com");
        var (_, _, itemId) = await DigestPagesTests.SeedDigestsAsync(app, me.Id);
        using var client = Client(app);
        var url = $"/feedback/{me.ManageToken}/{itemId}/up";
        var token = AntiforgeryToken(await BodyAsync(await client.GetAsync(url, ct)));
        FormUrlEncodedContent Form() => new([new("__RequestVerificationToken", token)]);

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync(url, Form(), ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync(url, Form(), ct)).StatusCode);
        var bogus = await client.PostAsync(url + "?handler=Bogus", Form(), ct);
        Assert.Equal(HttpStatusCode.NotFound, bogus.StatusCode);
        Assert.Contains("Not found", await BodyAsync(bogus), StringComparison.Ordinal);
        // A different kind on the same item is a different vote.
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/feedback/{me.ManageToken}/{itemId}/down", Form(), ct)).StatusCode);

        await using var db = app.CreateDbContext();
        var votes = await db.Feedback.OrderBy(f => f.Id).Select(f => f.Kind).ToListAsync(ct);
        Assert.Equal([FeedbackKind.Up, FeedbackKind.Down], votes);
    }

    [Fact]
    public async Task Feedback_voted_again_after_an_undo_counts_once_more()
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, _) = await StartAsync(DatabaseProvider.Sqlite, overHttp: true);
        await using var _app = app;
        var me = await SeedSubscriberAsync(app, "changer@example.com");
        var (_, _, itemId) = await DigestPagesTests.SeedDigestsAsync(app, me.Id);
        using var client = Client(app);
        var url = $"/feedback/{me.ManageToken}/{itemId}/up";
        var token = AntiforgeryToken(await BodyAsync(await client.GetAsync(url, ct)));

        await client.PostAsync(url, new FormUrlEncodedContent([new("__RequestVerificationToken", token)]), ct);
        long id;
        await using (var db = app.CreateDbContext())
        {
            id = (await db.Feedback.SingleAsync(ct)).Id;
        }
        await client.PostAsync(url + "?handler=Undo", new FormUrlEncodedContent([new("feedbackId", id.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("__RequestVerificationToken", token)]), ct);
        await client.PostAsync(url, new FormUrlEncodedContent([new("__RequestVerificationToken", token)]), ct);
        await using (var db = app.CreateDbContext())
        {
            var row = await db.Feedback.SingleAsync(ct);
            Assert.Equal(id, row.Id);
            Assert.Null(row.UndoneAt);
        }
    }

    [Fact]
    public async Task The_status_page_takes_its_code_from_the_route_not_the_body()
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, _) = await StartAsync(DatabaseProvider.Sqlite, overHttp: true);
        await using var _app = app;
        using var client = Client(app);

        // No antiforgery token: 400, re-executed as POST /Status/400 with this body.
        var response = await client.PostAsync("/", new FormUrlEncodedContent([new("Email", "x@example.com"), new("code", "999")]), ct);
        var html = await BodyAsync(response);
        AssertStatus(HttpStatusCode.BadRequest, response, html);
        Assert.Contains("Bad request", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Something went wrong", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/", false)]
    [InlineData("/manage", false)]
    [InlineData("/unsubscribe/abc", false)]
    [InlineData("/", true)]
    public async Task An_oversized_body_gets_413_with_a_readable_page(string path, bool chunked)
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, mail) = await StartAsync(DatabaseProvider.Sqlite, overHttp: true);
        await using var _app = app;
        using var client = Client(app);

        var body = "Email=big%40example.com&Interests=" + new string('a', 2 * 1024 * 1024);
        HttpContent content = chunked
            ? new StreamContent(new MemoryStream(Encoding.ASCII.GetBytes(body)))
            : new StringContent(body, Encoding.ASCII, "application/x-www-form-urlencoded");
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-www-form-urlencoded");
        if (chunked)
        {
            content.Headers.ContentLength = null;
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        if (chunked)
        {
            request.Headers.TransferEncodingChunked = true;
        }
        var response = await client.SendAsync(request, ct);
        var html = await BodyAsync(response);
        AssertStatus(HttpStatusCode.RequestEntityTooLarge, response, html);
        Assert.Contains("Too large", html, StringComparison.Ordinal);
        Assert.Empty(mail.Messages);
    }
}
