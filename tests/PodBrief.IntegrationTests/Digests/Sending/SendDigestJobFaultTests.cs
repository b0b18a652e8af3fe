using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using PodBrief.Core.Data;
using PodBrief.Core.Digests;
using PodBrief.Core.Subscribers;
using PodBrief.Testing;

namespace PodBrief.IntegrationTests.Digests.Sending;

/// <summary>The send state machine against a real SMTP sink that misbehaves on purpose.</summary>
public class SendDigestJobFaultTests
{
    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task The_job_run_twice_at_once_sends_one_email(DatabaseProvider provider)
    {
        await using var f = await DeliveryFixture.StartAsync(provider);
        var seeded = await f.SeedDigestAsync();

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => f.SendAsync(seeded.DigestId))));
        await f.SendAsync(seeded.DigestId); // a Hangfire retry long after

        Assert.Single(f.Sink!.Messages);
        var digest = await f.DigestAsync(seeded.DigestId);
        Assert.Equal(DigestState.Sent, digest.State);
        Assert.Equal(1, digest.Attempts);
    }

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task Smtp_down_then_back_delivers_after_recovery_with_the_same_message_id(DatabaseProvider provider)
    {
        await using var f = await DeliveryFixture.StartAsync(provider, smtpUp: false);
        var seeded = await f.SeedDigestAsync();

        await f.SendAsync(seeded.DigestId);

        var waiting = await f.DigestAsync(seeded.DigestId);
        Assert.Equal(DigestState.Pending, waiting.State);
        Assert.Equal(1, waiting.Attempts);
        Assert.NotNull(waiting.LastError);
        Assert.Equal(f.App.Clock.GetUtcNow().UtcDateTime.AddMinutes(2), waiting.NextAttemptAt);
        Assert.Empty(await DueAsync(f));

        // Running again before the backoff has passed does nothing.
        await f.StartSmtpAsync();
        await f.SendAsync(seeded.DigestId);
        Assert.Empty(f.Sink!.Messages);

        f.App.Clock.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal([seeded.DigestId], await DueAsync(f));
        await f.SendAsync(seeded.DigestId);

        var message = Assert.Single(f.Sink.Messages);
        Assert.Equal(seeded.MessageId.Trim('<', '>'), message.MessageId);
        var sent = await f.DigestAsync(seeded.DigestId);
        Assert.Equal(DigestState.Sent, sent.State);
        Assert.Equal(2, sent.Attempts);
        Assert.Null(sent.LastError);
    }

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task A_4xx_is_retried_later_then_succeeds(DatabaseProvider provider)
    {
        await using var f = await DeliveryFixture.StartAsync(provider);
        var seeded = await f.SeedDigestAsync();
        f.Sink!.RejectRecipientsTransiently(1);

        await f.SendAsync(seeded.DigestId);

        var waiting = await f.DigestAsync(seeded.DigestId);
        Assert.Equal(DigestState.Pending, waiting.State);
        Assert.Contains("451", waiting.LastError, StringComparison.Ordinal);
        Assert.Empty(f.Sink.Messages);

        f.App.Clock.Advance(TimeSpan.FromMinutes(2));
        await f.SendAsync(seeded.DigestId);

        Assert.Single(f.Sink.Messages);
        Assert.Equal(DigestState.Sent, (await f.DigestAsync(seeded.DigestId)).State);
    }

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task Retries_are_bounded_and_back_off(DatabaseProvider provider)
    {
        await using var f = await DeliveryFixture.StartAsync(provider, extraSettings: new Dictionary<string, string?>
        {
            ["Digests:Sending:MaxAttempts"] = "3",
        });
        var seeded = await f.SeedDigestAsync();
        f.Sink!.RejectDataTransiently(10);

        var delays = new List<TimeSpan>();
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            await f.SendAsync(seeded.DigestId);
            var digest = await f.DigestAsync(seeded.DigestId);
            if (digest.NextAttemptAt is { } next)
            {
                delays.Add(next - f.App.Clock.GetUtcNow().UtcDateTime);
                f.App.Clock.Advance(next - f.App.Clock.GetUtcNow().UtcDateTime);
            }
        }

        Assert.Equal([TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(4)], delays);
        var failed = await f.DigestAsync(seeded.DigestId);
        Assert.Equal(DigestState.Failed, failed.State);
        Assert.Equal(3, failed.Attempts);
        Assert.StartsWith("Gave up after 3 attempts", failed.LastError, StringComparison.Ordinal);
        Assert.Empty(f.Sink.Messages);
        Assert.Equal(0, (await f.SubscriberAsync(seeded.SubscriberId)).HardBounceCount);
    }

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task A_5xx_fails_the_digest_counts_a_bounce_and_suppresses_after_repeats(DatabaseProvider provider)
    {
        await using var f = await DeliveryFixture.StartAsync(provider);
        var first = await f.SeedDigestAsync("gone@example.com");
        f.Sink!.RejectRecipientsPermanently(1);

        await f.SendAsync(first.DigestId);
        f.App.Clock.Advance(TimeSpan.FromHours(1));
        await f.SendAsync(first.DigestId);

        var failed = await f.DigestAsync(first.DigestId);
        Assert.Equal(DigestState.Failed, failed.State);
        Assert.Contains("550", failed.LastError, StringComparison.Ordinal);
        Assert.Equal(1, failed.Attempts);
        Assert.Empty(f.Sink.Messages);
        var subscriber = await f.SubscriberAsync(first.SubscriberId);
        Assert.Equal(1, subscriber.HardBounceCount);
        Assert.Equal(SubscriberStatus.Active, subscriber.Status);

        // Two more hard bounces in a row (the default limit is 3) suppress the address.
        await using (var db = f.App.CreateDbContext())
        {
            await db.Subscribers.Where(s => s.Id == first.SubscriberId)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.HardBounceCount, 2), TestContext.Current.CancellationToken);
        }
        var second = await SeedSecondDigestAsync(f, first);
        f.Sink.RejectRecipientsPermanently(1);
        await f.SendAsync(second);
        var suppressed = await f.SubscriberAsync(first.SubscriberId);
        Assert.Equal(3, suppressed.HardBounceCount);
        Assert.Equal(SubscriberStatus.Suppressed, suppressed.Status);
        Assert.Null(suppressed.NextSendAt);
    }

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task A_connection_dropped_after_data_is_unknown_and_never_resent(DatabaseProvider provider)
    {
        await using var f = await DeliveryFixture.StartAsync(provider);
        var seeded = await f.SeedDigestAsync();
        f.Sink!.DropAfterData(1);

        await f.SendAsync(seeded.DigestId);

        var unknown = await f.DigestAsync(seeded.DigestId);
        Assert.Equal(DigestState.Unknown, unknown.State);
        Assert.StartsWith("Connection lost after the message was sent", unknown.LastError, StringComparison.Ordinal);
        Assert.Single(f.Sink.Messages);

        f.App.Clock.Advance(TimeSpan.FromHours(2));
        Assert.Empty(await DueAsync(f));
        await f.SendAsync(seeded.DigestId);
        Assert.Single(f.Sink.Messages);
        Assert.Equal(DigestState.Unknown, (await f.DigestAsync(seeded.DigestId)).State);

        // The pool recovers: the next digest goes out on a new connection.
        var next = await f.SeedDigestAsync("other@example.com");
        await f.SendAsync(next.DigestId);
        Assert.Equal(2, f.Sink.Messages.Count);
    }

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task A_subscriber_who_unsubscribes_between_composing_and_sending_gets_nothing(DatabaseProvider provider)
    {
        await using var f = await DeliveryFixture.StartAsync(provider, configureServices: services =>
            services.AddScoped<DigestMessageFactory, UnsubscribeWhileComposingFactory>());
        var seeded = await f.SeedDigestAsync();

        await f.SendAsync(seeded.DigestId);

        Assert.Empty(f.Sink!.Messages);
        var skipped = await f.DigestAsync(seeded.DigestId);
        Assert.Equal(DigestState.Skipped, skipped.State);
        Assert.Contains("unsubscribed", skipped.LastError, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task A_paused_subscriber_is_skipped_at_send_time(DatabaseProvider provider)
    {
        await using var f = await DeliveryFixture.StartAsync(provider);
        var seeded = await f.SeedDigestAsync();
        await using (var db = f.App.CreateDbContext())
        {
            await db.Subscribers.Where(s => s.Id == seeded.SubscriberId)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Frequency, DeliveryFrequency.Paused), TestContext.Current.CancellationToken);
        }

        await f.SendAsync(seeded.DigestId);

        Assert.Empty(f.Sink!.Messages);
        var skipped = await f.DigestAsync(seeded.DigestId);
        Assert.Equal(DigestState.Skipped, skipped.State);
        Assert.Contains("paused", skipped.LastError, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task A_send_whose_worker_died_is_marked_unknown_by_the_tick_not_resent(DatabaseProvider provider)
    {
        await using var f = await DeliveryFixture.StartAsync(provider);
        var seeded = await f.SeedDigestAsync();
        await using (var db = f.App.CreateDbContext())
        {
            var now = f.App.Clock.GetUtcNow().UtcDateTime;
            await db.Digests.Where(d => d.Id == seeded.DigestId).ExecuteUpdateAsync(s => s
                .SetProperty(d => d.State, DigestState.Sending)
                .SetProperty(d => d.ClaimedAt, now)
                .SetProperty(d => d.Attempts, 1), TestContext.Current.CancellationToken);
        }
        f.App.Clock.Advance(TimeSpan.FromMinutes(16));

        int marked;
        await using (var db = f.App.CreateDbContext())
        {
            // The default stale limit is 15 minutes.
            var cutoff = f.App.Clock.GetUtcNow().UtcDateTime - TimeSpan.FromMinutes(new DigestSendingOptions().StaleSendingMinutes);
            marked = await RetryDueDigestsTick.MarkStaleSendingUnknownAsync(db, cutoff, TestContext.Current.CancellationToken);
        }
        await f.SendAsync(seeded.DigestId);

        Assert.Equal(1, marked);
        Assert.Equal(DigestState.Unknown, (await f.DigestAsync(seeded.DigestId)).State);
        Assert.Empty(f.Sink!.Messages);
    }

    private static async Task<IReadOnlyList<long>> DueAsync(DeliveryFixture f)
    {
        await using var db = f.App.CreateDbContext();
        return await RetryDueDigestsTick.FindDueAsync(db, f.App.Clock.GetUtcNow().UtcDateTime, TestContext.Current.CancellationToken);
    }

    private static async Task<long> SeedSecondDigestAsync(DeliveryFixture f, SeededDigest first)
    {
        await using var db = f.App.CreateDbContext();
        var digest = new Digest
        {
            SubscriberId = first.SubscriberId,
            LocalDate = DateOnly.FromDateTime(f.App.Clock.GetUtcNow().UtcDateTime).AddDays(1),
            ScheduledFor = f.App.Clock.GetUtcNow().UtcDateTime,
            MessageId = $"<digest-{Guid.NewGuid():N}@podbrief.test>",
            CreatedAt = f.App.Clock.GetUtcNow().UtcDateTime,
            Items = [new DigestItem { InsightCardId = first.CardIds[0], Position = 0, WhyLine = "Top pick" }],
        };
        db.Digests.Add(digest);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return digest.Id;
    }

    /// <summary>Stands in for a person pressing "unsubscribe" while their email is being composed.</summary>
    private sealed class UnsubscribeWhileComposingFactory : DigestMessageFactory
    {
        private readonly PodBriefDbContext _db;

        public UnsubscribeWhileComposingFactory(PodBriefDbContext db, SubscriberTokenService tokens, DigestEmailComposer composer)
            : base(db, tokens, composer) => _db = db;

        public override MimeMessage Compose(DigestEmailContent content, DigestEmailCardCache? cards = null)
        {
            var message = base.Compose(content, cards);
            var subscriberId = _db.Digests.Where(d => d.Id == content.DigestId).Select(d => d.SubscriberId).Single();
            _db.Subscribers.Where(s => s.Id == subscriberId).ExecuteUpdate(s => s.SetProperty(x => x.Status, SubscriberStatus.Unsubscribed));
            return message;
        }
    }
}
