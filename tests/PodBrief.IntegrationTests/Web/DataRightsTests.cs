using System.Data.Common;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PodBrief.Core.Data;
using PodBrief.Core.Subscribers;
using PodBrief.Testing;
using static PodBrief.IntegrationTests.Web.WebTestKit;

namespace PodBrief.IntegrationTests.Web;

public class DataRightsTests
{
    private const string Address = "Private.Person@example.com";

    private static async Task<(SeededSubscriber Subscriber, long DigestId)> SeedHistoryAsync(TestApp app)
    {
        var ct = TestContext.Current.CancellationToken;
        var topics = await SeedTopicsAsync(app);
        var subscriber = await SeedSubscriberAsync(app, Address);
        var cardIds = await SeedCardsAsync(app, "Show A", [("Distillation is cheap", null), ("Style mimicry", null)]);
        await using var db = app.CreateDbContext();
        var s = await db.Subscribers.SingleAsync(x => x.Id == subscriber.Id, ct);
        s.Interests = "sleep research near " + Address;
        s.ConsentIpHash = SubscriptionService.HashIp("203.0.113.7");
        s.ConsentedAt = app.Clock.GetUtcNow().UtcDateTime;
        db.SubscriberTopics.Add(new SubscriberTopic { SubscriberId = s.Id, TopicId = topics[0].Id });
        var podcastId = await db.Podcasts.Select(p => p.Id).SingleAsync(ct);
        db.SubscriberPodcasts.Add(new SubscriberPodcast { SubscriberId = s.Id, PodcastId = podcastId, Preference = PodcastPreference.Followed });
        var digest = new Digest
        {
            SubscriberId = s.Id,
            LocalDate = new DateOnly(2026, 3, 2),
            MessageId = "<d1@podbrief>",
            Subject = "Your brief",
            State = DigestState.Sent,
            CreatedAt = app.Clock.GetUtcNow().UtcDateTime,
            ScheduledFor = app.Clock.GetUtcNow().UtcDateTime,
        };
        digest.Items.Add(new DigestItem { InsightCardId = cardIds[0], Position = 1, WhyLine = "You follow AI" });
        db.Digests.Add(digest);
        await db.SaveChangesAsync(ct);
        db.Feedback.Add(new Feedback { SubscriberId = s.Id, InsightCardId = cardIds[0], DigestId = digest.Id, PodcastId = podcastId, Kind = FeedbackKind.Up, CreatedAt = app.Clock.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync(ct);
        return (subscriber, digest.Id);
    }

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task Export_downloads_everything_stored_about_the_subscriber(DatabaseProvider provider)
    {
        var (app, _) = await StartAsync(provider);
        await using var _app = app;
        var (subscriber, digestId) = await SeedHistoryAsync(app);
        using var client = Client(app);
        var url = $"/preferences/{subscriber.ManageToken}";

        var response = await SubmitAsync(client, url, [], url + "?handler=Export");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        using var json = JsonDocument.Parse(await BodyAsync(response));
        var root = json.RootElement;
        Assert.Equal(Address, root.GetProperty("Subscriber").GetProperty("Email").GetString());
        Assert.Equal("sleep research near " + Address, root.GetProperty("Subscriber").GetProperty("Interests").GetString());
        Assert.Equal(SubscriptionService.HashIp("203.0.113.7"), root.GetProperty("Consent").GetProperty("ConsentIpHash").GetString());
        Assert.Equal("webtest-ai", root.GetProperty("Topics")[0].GetProperty("Slug").GetString());
        Assert.Equal("Show A", root.GetProperty("Shows")[0].GetProperty("Title").GetString());
        Assert.Equal("Up", root.GetProperty("Feedback")[0].GetProperty("Kind").GetString());
        Assert.Equal(digestId, root.GetProperty("Digests")[0].GetProperty("Id").GetInt64());
        Assert.Equal("Distillation is cheap", root.GetProperty("Digests")[0].GetProperty("Items")[0].GetProperty("Headline").GetString());
        Assert.Equal(2, root.GetProperty("Links").GetArrayLength());
        Assert.DoesNotContain(SubscriberTokenService.Hash(subscriber.ManageToken), json.RootElement.GetRawText(), StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task Delete_leaves_no_personal_data_in_any_table_and_keeps_aggregates(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, _) = await StartAsync(provider);
        await using var _app = app;
        var (subscriber, _) = await SeedHistoryAsync(app);
        var bystander = await SeedSubscriberAsync(app, "bystander@example.com");
        using var client = Client(app);
        var url = $"/preferences/{subscriber.ManageToken}";

        await using (var before = app.CreateDbContext())
        {
            // The search must be able to see the address, or its empty answer afterwards proves nothing.
            var found = await FindTextInAllTablesAsync(before, "private.person", ct);
            Assert.Contains("Subscribers.Email", found);
            Assert.Contains("Subscribers.Interests", found);
        }

        var unconfirmed = await SubmitAsync(client, url, [], url + "?handler=Delete");
        Assert.Equal(HttpStatusCode.BadRequest, unconfirmed.StatusCode);
        Assert.Contains("Tick the box", await BodyAsync(unconfirmed), StringComparison.Ordinal);

        var response = await SubmitAsync(client, url, [new("confirmDelete", "yes")], url + "?handler=Delete");
        var html = await BodyAsync(response);
        AssertStatus(HttpStatusCode.OK, response, html);
        Assert.Contains("Your account is deleted", html, StringComparison.Ordinal);

        await using var db = app.CreateDbContext();
        var hits = await FindTextInAllTablesAsync(db, "private.person", ct);
        Assert.Empty(hits);
        Assert.Empty(await FindTextInAllTablesAsync(db, SubscriptionService.HashIp("203.0.113.7")!, ct));
        Assert.Equal(0, await db.SubscriberTokens.CountAsync(t => t.SubscriberId == subscriber.Id, ct));
        Assert.Equal(0, await db.Digests.CountAsync(ct));
        var feedback = await db.Feedback.SingleAsync(ct);
        Assert.Null(feedback.SubscriberId);
        Assert.Equal(FeedbackKind.Up, feedback.Kind);
        Assert.Equal(1, (await db.AggregateCounters.SingleAsync(c => c.Name == SubscriberDataRights.DeletedAccountsCounter, ct)).Value);
        Assert.Equal(1, await db.Subscribers.CountAsync(s => s.Id == bystander.Id, ct));
        Assert.Equal(1, await db.SubscriberTokens.CountAsync(t => t.SubscriberId == bystander.Id && t.Purpose == TokenPurpose.Manage, ct));

        // The old links are dead now.
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(url, ct)).StatusCode);
    }

    /// <summary>Every text column of every mapped table, searched with LIKE: "table.column" for each hit.</summary>
    private static async Task<List<string>> FindTextInAllTablesAsync(PodBriefDbContext db, string needle, CancellationToken ct)
    {
        var hits = new List<string>();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        foreach (var entity in db.Model.GetEntityTypes())
        {
            var table = entity.GetTableName();
            if (table is null)
            {
                continue;
            }
            foreach (var property in entity.GetProperties().Where(p => p.ClrType == typeof(string)))
            {
                var column = property.GetColumnName();
                await using DbCommand command = connection.CreateCommand();
#pragma warning disable CA2100 // Identifiers come from the EF model, the needle is a parameter.
                command.CommandText = $"SELECT COUNT(*) FROM \"{table}\" WHERE LOWER(\"{column}\") LIKE @needle";
#pragma warning restore CA2100
                var parameter = command.CreateParameter();
                parameter.ParameterName = "@needle";
                parameter.Value = "%" + needle.ToLowerInvariant() + "%";
                command.Parameters.Add(parameter);
                if (Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture) > 0)
                {
                    hits.Add($"{table}.{column}");
                }
            }
        }
        return hits;
    }
}
