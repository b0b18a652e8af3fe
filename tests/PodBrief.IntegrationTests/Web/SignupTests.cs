using System.Net;
using Microsoft.EntityFrameworkCore;
using PodBrief.Core.Data;
using PodBrief.Core.Subscribers;
using PodBrief.Testing;
using static PodBrief.IntegrationTests.Web.WebTestKit;

namespace PodBrief.IntegrationTests.Web;

public class SignupTests
{
    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task Landing_shows_the_promise_the_form_and_the_topics(DatabaseProvider provider)
    {
        var (app, _) = await StartAsync(provider);
        await using var _app = app;
        await SeedTopicsAsync(app);
        using var client = Client(app);

        var response = await client.GetAsync("/", TestContext.Current.CancellationToken);
        var html = await BodyAsync(response);

        AssertStatus(HttpStatusCode.OK, response, html);
        Assert.Contains("<h1>Get your free personalized podcast brief.</h1>", html, StringComparison.Ordinal);
        Assert.Contains("We scan new podcasts and send you the top 5 insights daily.", html, StringComparison.Ordinal);
        Assert.Contains("<form id=\"signup-form\" method=\"post\"", html, StringComparison.Ordinal);
        Assert.Contains("<input id=\"email\" name=\"Email\" type=\"email\"", html, StringComparison.Ordinal);
        Assert.Contains("name=\"Topics\" value=\"webtest-sleep\"", html, StringComparison.Ordinal);
        Assert.Contains("Sleep science", html, StringComparison.Ordinal);
        Assert.Contains("Send me the brief", html, StringComparison.Ordinal);
        Assert.Contains("name=\"Website\"", html, StringComparison.Ordinal);
        Assert.Contains("Related insights", html, StringComparison.Ordinal);
        Assert.Contains("No insights yet", html, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task Signup_answers_byte_for_byte_the_same_for_new_pending_active_and_unsubscribed_addresses(DatabaseProvider provider)
    {
        var (app, mail) = await StartAsync(provider);
        await using var _app = app;
        await SeedSubscriberAsync(app, "pending@example.com", SubscriberStatus.Pending);
        await SeedSubscriberAsync(app, "active@example.com", SubscriberStatus.Active);
        await SeedSubscriberAsync(app, "gone@example.com", SubscriberStatus.Unsubscribed);

        var bodies = new List<string>();
        foreach (var address in new[] { "new@example.com", "pending@example.com", "active@example.com", "gone@example.com" })
        {
            using var client = Client(app);
            var response = await SignupAsync(client, address);
            var body = await BodyAsync(response);
            AssertStatus(HttpStatusCode.OK, response, body);
            Assert.Contains("<h1>Check your inbox</h1>", body, StringComparison.Ordinal);
            bodies.Add(WithoutAntiforgery(body));
        }
        Assert.All(bodies, b => Assert.Equal(bodies[0], b));

        // Behind the identical page: new/pending/unsubscribed get a confirmation link, active a settings link.
        Assert.Contains("/confirm/", Assert.Single(mail.To("new@example.com")).TextBody, StringComparison.Ordinal);
        Assert.Contains("/confirm/", Assert.Single(mail.To("pending@example.com")).TextBody, StringComparison.Ordinal);
        Assert.Contains("/confirm/", Assert.Single(mail.To("gone@example.com")).TextBody, StringComparison.Ordinal);
        Assert.Contains("/preferences/", Assert.Single(mail.To("active@example.com")).TextBody, StringComparison.Ordinal);
        await using var db = app.CreateDbContext();
        Assert.Equal(SubscriberStatus.Unsubscribed, (await db.Subscribers.SingleAsync(s => s.EmailNormalized == "gone@example.com", TestContext.Current.CancellationToken)).Status);
    }

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task Signup_confirm_by_post_stores_consent_and_lands_on_preferences(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, mail) = await StartAsync(provider);
        await using var _app = app;
        await SeedTopicsAsync(app);
        using var client = Client(app);

        var signup = await SignupAsync(client, "  Reader@Example.COM ", "webtest-ai", "webtest-sleep", "no-such-topic");
        Assert.Equal(HttpStatusCode.OK, signup.StatusCode);

        var message = Assert.Single(mail.Messages);
        Assert.Equal("Reader@Example.COM", message.To.Mailboxes.Single().Address);
        Assert.Equal("Confirm your PodBrief subscription", message.Subject);
        var confirmPath = LinkPath(message, "/confirm/");
        await using (var db = app.CreateDbContext())
        {
            var pending = await db.Subscribers.Include(s => s.Topics).SingleAsync(ct);
            Assert.Equal("reader@example.com", pending.EmailNormalized);
            Assert.Equal(SubscriberStatus.Pending, pending.Status);
            Assert.Equal(2, pending.Topics.Count);
        }

        // GET shows the button and changes nothing (mail scanners prefetch links).
        var page = await client.GetAsync(confirmPath, ct);
        var pageHtml = await BodyAsync(page);
        AssertStatus(HttpStatusCode.OK, page, pageHtml);
        Assert.Contains("Confirm my subscription", pageHtml, StringComparison.Ordinal);
        await using (var db = app.CreateDbContext())
        {
            Assert.Equal(SubscriberStatus.Pending, (await db.Subscribers.SingleAsync(ct)).Status);
        }

        var confirm = await client.PostAsync(confirmPath, new FormUrlEncodedContent([new("__RequestVerificationToken", AntiforgeryToken(pageHtml))]), ct);
        Assert.Equal(HttpStatusCode.SeeOther, confirm.StatusCode);
        var location = confirm.Headers.Location!.OriginalString;
        Assert.StartsWith("/preferences/", location, StringComparison.Ordinal);

        await using (var db = app.CreateDbContext())
        {
            var active = await db.Subscribers.SingleAsync(ct);
            Assert.Equal(SubscriberStatus.Active, active.Status);
            Assert.Equal(app.Clock.GetUtcNow().UtcDateTime, active.ConsentedAt);
            Assert.Equal("signup-2026-03", active.ConsentFormVersion);
            Assert.NotNull(active.NextSendAt);
            Assert.True(active.NextSendAt > app.Clock.GetUtcNow().UtcDateTime);
        }
        var preferences = await client.GetAsync(location, ct);
        var preferencesHtml = await BodyAsync(preferences);
        AssertStatus(HttpStatusCode.OK, preferences, preferencesHtml);
        Assert.Contains("id=\"preferences-form\"", preferencesHtml, StringComparison.Ordinal);

        // Single use: the same link again is a readable 4xx.
        var again = await client.GetAsync(confirmPath, ct);
        Assert.Equal(HttpStatusCode.Gone, again.StatusCode);
        Assert.Contains("This link no longer works", await BodyAsync(again), StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task Confirmation_links_expire_after_48_hours(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, mail) = await StartAsync(provider);
        await using var _app = app;
        using var client = Client(app);
        await SignupAsync(client, "late@example.com");
        var confirmPath = LinkPath(Assert.Single(mail.Messages), "/confirm/");
        var page = await BodyAsync(await client.GetAsync(confirmPath, ct));

        app.Clock.Advance(TimeSpan.FromHours(48) + TimeSpan.FromSeconds(1));

        Assert.Equal(HttpStatusCode.Gone, (await client.GetAsync(confirmPath, ct)).StatusCode);
        var post = await client.PostAsync(confirmPath, new FormUrlEncodedContent([new("__RequestVerificationToken", AntiforgeryToken(page))]), ct);
        Assert.Equal(HttpStatusCode.Gone, post.StatusCode);
        await using var db = app.CreateDbContext();
        Assert.Equal(SubscriberStatus.Pending, (await db.Subscribers.SingleAsync(ct)).Status);
    }

    [Theory]
    [InlineData("not-an-address")]
    [InlineData("a@b")]
    [InlineData("two@@example.com")]
    [InlineData("spaces in@example.com")]
    [InlineData("x@-bad-.example")]
    [InlineData("")]
    public async Task Invalid_addresses_get_a_readable_400_and_no_mail(string address)
    {
        var (app, mail) = await StartAsync(DatabaseProvider.Sqlite);
        await using var _app = app;
        using var client = Client(app);
        var response = await SignupAsync(client, address);
        var body = await BodyAsync(response);
        AssertStatus(HttpStatusCode.BadRequest, response, body);
        Assert.Contains("Please enter a valid email address", body, StringComparison.Ordinal);
        Assert.Empty(mail.Messages);
    }

    [Fact]
    public async Task Overlong_address_is_refused()
    {
        var (app, mail) = await StartAsync(DatabaseProvider.Sqlite);
        await using var _app = app;
        using var client = Client(app);
        var response = await SignupAsync(client, new string('a', 64) + "@" + string.Join('.', Enumerable.Repeat(new string('b', 60), 4)) + ".com");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(mail.Messages);
    }

    [Theory]
    [InlineData(" Alice@Bücher.Example ", "alice@xn--bcher-kva.example")]
    [InlineData("BOB@EXAMPLE.COM.", "bob@example.com")]
    public void Addresses_are_trimmed_lower_cased_and_idn_encoded(string typed, string expected)
    {
        Assert.True(EmailAddressNormalizer.TryNormalize(typed, out var trimmed, out var normalized));
        Assert.Equal(typed.Trim(), trimmed);
        Assert.Equal(expected, normalized);
    }

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task Honeypot_looks_like_success_but_stores_and_sends_nothing(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, mail) = await StartAsync(provider);
        await using var _app = app;
        using var client = Client(app);
        var response = await SubmitAsync(client, "/", [new("Email", "bot@example.com"), new("Website", "http://spam.example")]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<h1>Check your inbox</h1>", await BodyAsync(response), StringComparison.Ordinal);
        Assert.Empty(mail.Messages);
        await using var db = app.CreateDbContext();
        Assert.Equal(0, await db.Subscribers.CountAsync(ct));
    }

    [Fact]
    public async Task The_same_address_is_rate_limited_with_429_and_retry_after()
    {
        var (app, mail) = await StartAsync(DatabaseProvider.Sqlite, new Dictionary<string, string?> { ["RateLimits:PerAddressPermits"] = "2" });
        await using var _app = app;
        for (var i = 0; i < 2; i++)
        {
            using var each = Client(app);
            Assert.Equal(HttpStatusCode.OK, (await SignupAsync(each, "Busy@example.com")).StatusCode);
        }
        using var client = Client(app);
        var limited = await SignupAsync(client, "busy@EXAMPLE.com");
        var body = await BodyAsync(limited);
        AssertStatus(HttpStatusCode.TooManyRequests, limited, body);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After missing");
        Assert.Contains("Too many requests", body, StringComparison.Ordinal);
        Assert.Equal(2, mail.Messages.Count);
        // Another address is not affected.
        Assert.Equal(HttpStatusCode.OK, (await SignupAsync(client, "calm@example.com")).StatusCode);
    }

    [Fact]
    public async Task One_client_ip_is_rate_limited_with_429_and_retry_after()
    {
        var (app, mail) = await StartAsync(DatabaseProvider.Sqlite, new Dictionary<string, string?> { ["RateLimits:PerIpPermits"] = "3" });
        await using var _app = app;
        using var client = Client(app);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await SignupAsync(client, $"person{i}@example.com")).StatusCode);
        }
        var limited = await SignupAsync(client, "person9@example.com");
        var body = await BodyAsync(limited);
        AssertStatus(HttpStatusCode.TooManyRequests, limited, body);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After missing");
        Assert.Contains("Too many requests", body, StringComparison.Ordinal);
        Assert.Equal(3, mail.Messages.Count);
        // Reading pages is never limited.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task Manage_link_requests_are_enumeration_safe(DatabaseProvider provider)
    {
        var (app, mail) = await StartAsync(provider);
        await using var _app = app;
        await SeedSubscriberAsync(app, "member@example.com");
        var bodies = new List<string>();
        foreach (var address in new[] { "member@example.com", "stranger@example.com" })
        {
            using var client = Client(app);
            var response = await SubmitAsync(client, "/manage", [new("Email", address)]);
            var body = await BodyAsync(response);
            AssertStatus(HttpStatusCode.OK, response, body);
            bodies.Add(WithoutAntiforgery(body));
        }
        Assert.Equal(bodies[0], bodies[1]);
        var message = Assert.Single(mail.Messages);
        Assert.Equal("member@example.com", message.To.Mailboxes.Single().Address);
        using var member = Client(app);
        var settings = await member.GetAsync(LinkPath(message, "/preferences/"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, settings.StatusCode);
    }

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task Confirmation_email_carries_no_text_from_the_form(DatabaseProvider provider)
    {
        var (app, mail) = await StartAsync(provider);
        await using var _app = app;
        await SeedTopicsAsync(app);
        using var client = Client(app);
        await SignupAsync(client, "\"<b>x</b>\"@example.com");
        await SignupAsync(client, "visit.evil.example@example.com", "webtest-ai");
        var message = Assert.Single(mail.Messages);
        var text = message.TextBody + message.HtmlBody;
        Assert.DoesNotContain("visit.evil.example", text, StringComparison.Ordinal);
        Assert.DoesNotContain("AI & machine learning", text, StringComparison.Ordinal);
        Assert.Equal("auto-generated", message.Headers["Auto-Submitted"]);
    }
}
