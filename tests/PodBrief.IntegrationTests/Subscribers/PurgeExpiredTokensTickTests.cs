using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PodBrief.Core.Data;
using PodBrief.Core.Subscribers;
using PodBrief.Testing;
using static PodBrief.IntegrationTests.Web.WebTestKit;

namespace PodBrief.IntegrationTests.Subscribers;

public class PurgeExpiredTokensTickTests
{
    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task Tokens_expired_past_the_grace_day_are_deleted_in_chunks_and_the_rest_keep_working(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await TestApp.StartAsync(provider);
        var subscriber = await SeedSubscriberAsync(app, "keeper@example.com");
        // More Manage tokens (60 days) than one chunk, one unsubscribe token (no expiry), one signup confirmation (48 h).
        var many = PurgeExpiredTokensTick.Chunk + 50;
        string unsubscribe = "";
        await app.WithScopeAsync(async sp =>
        {
            var tokens = sp.GetRequiredService<SubscriberTokenService>();
            await tokens.IssueManyAsync([.. Enumerable.Repeat((subscriber.Id, TokenPurpose.Manage), many)], ct);
            unsubscribe = tokens.IssueUnsubscribe(subscriber.Id);
            tokens.Issue(subscriber.Id, TokenPurpose.ConfirmSignup);
            await sp.GetRequiredService<PodBriefDbContext>().SaveChangesAsync(ct);
        });
        var start = await CountAsync(app);
        var unsubscribes = await CountAsync(app, TokenPurpose.Unsubscribe); // the seeded subscriber's own as well

        app.Clock.Advance(TimeSpan.FromHours(48 + 23)); // the confirmation expired 23 hours ago: inside the grace day
        await RunTickAsync(app);
        Assert.Equal(start, await CountAsync(app));

        app.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1));
        await RunTickAsync(app);
        Assert.Equal(start - 1, await CountAsync(app));
        Assert.Equal(0, await CountAsync(app, TokenPurpose.ConfirmSignup));

        var fresh = await app.WithScopeAsync(async sp =>
        {
            var raw = sp.GetRequiredService<SubscriberTokenService>().Issue(subscriber.Id, TokenPurpose.Manage);
            await sp.GetRequiredService<PodBriefDbContext>().SaveChangesAsync(ct);
            return raw;
        });
        app.Clock.Advance(TimeSpan.FromDays(58)); // the first Manage tokens are now a day and a minute past expiry
        await RunTickAsync(app);
        await RunTickAsync(app); // again: nothing left to delete, nothing fails

        Assert.Equal(1, await CountAsync(app, TokenPurpose.Manage));
        Assert.Equal(unsubscribes, await CountAsync(app, TokenPurpose.Unsubscribe));
        await app.WithScopeAsync(async sp =>
        {
            var tokens = sp.GetRequiredService<SubscriberTokenService>();
            Assert.NotNull(await tokens.FindValidAsync(fresh, TokenPurpose.Manage, ct));
            Assert.NotNull(await tokens.FindValidAsync(unsubscribe, TokenPurpose.Unsubscribe, ct));
        });
    }

    private static async Task<int> CountAsync(TestApp app, TokenPurpose? purpose = null)
    {
        await using var db = app.CreateDbContext();
        return await db.SubscriberTokens.CountAsync(t => purpose == null || t.Purpose == purpose, TestContext.Current.CancellationToken);
    }

    private static Task RunTickAsync(TestApp app) => app.RunTickAsync<PurgeExpiredTokensTick>(TestContext.Current.CancellationToken);
}
