using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PodBrief.Core.Data;
using PodBrief.Core.Insights;
using PodBrief.Testing;

namespace PodBrief.IntegrationTests.Insights;

/// <summary>Extraction is claimed once per episode, and re-extraction keeps the cards people may hold links to.</summary>
public class ExtractionClaimTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Distillation = "Large AI models are vulnerable to distillation attacks because a smaller model can be trained cheaply by querying the larger one.";
    private const string Batteries = "Battery prices fell by about 90 percent over the last decade, which is why electric buses now cost less to run than diesel ones.";
    private const string Banks = "Central banks keep interest rates high when wages grow faster than productivity, because that keeps inflation sticky.";
    private const string Sleep = "Sleeping less than six hours a night raises the risk of heart disease by roughly twenty percent in long studies.";

    private static ExtractedCard Card(string headline, string quote) =>
        new(headline, quote, quote, ["ai"], [], 0.8);

    /// <summary>An extractor that blocks until released, so two runs really overlap.</summary>
    private sealed class GatedExtractor : IInsightExtractor
    {
        private int _calls;

        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public int Calls => _calls;
        public string Name => "gated";
        public string PromptVersion => "test-1";

        public async Task<ExtractionResult> ExtractAsync(ExtractionRequest request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            Entered.TrySetResult();
            await Release.Task.WaitAsync(TimeSpan.FromMinutes(1), cancellationToken);
            return new ExtractionResult([Card("Distillation makes big models cheap to copy", Distillation)]);
        }
    }

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task Two_workers_on_one_episode_extract_it_once(DatabaseProvider provider)
    {
        var extractor = new GatedExtractor();
        await using var app = await TestApp.StartAsync(provider, configureServices: s => s.AddSingleton<IInsightExtractor>(extractor));
        await using var db = app.CreateDbContext();
        var episode = await InsightsTestData.AddEpisodeAsync(db, app.Clock.GetUtcNow().UtcDateTime, InjectionFixture.Document(), TimeSpan.FromDays(1));

        var first = app.WithScopeAsync(sp => sp.GetRequiredService<ExtractEpisodeJob>().RunAsync(episode.Id, false, Ct));
        await extractor.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        var second = await app.WithScopeAsync(sp => sp.GetRequiredService<ExtractEpisodeJob>().RunAsync(episode.Id, false, Ct));
        extractor.Release.SetResult();
        var firstOutcome = await first;
        var third = await app.WithScopeAsync(sp => sp.GetRequiredService<ExtractEpisodeJob>().RunAsync(episode.Id, false, Ct));

        Assert.Equal(1, extractor.Calls);
        Assert.Equal((ExtractionStatus.Done, 1), (firstOutcome.Status, firstOutcome.Cards));
        Assert.Equal((ExtractionStatus.Skipped, "being extracted by another worker"), (second.Status, second.Message));
        Assert.Equal((ExtractionStatus.Skipped, "not due (extraction done)"), (third.Status, third.Message));
        await using var check = app.CreateDbContext();
        var stored = await check.Episodes.SingleAsync(e => e.Id == episode.Id, Ct);
        Assert.Equal((ExtractionStatus.Done, (DateTime?)null), (stored.ExtractionStatus, stored.ExtractionLeaseUntil));
        Assert.Single(await check.InsightCards.Where(c => c.EpisodeId == episode.Id).ToListAsync(Ct));
    }

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task Re_extraction_keeps_surviving_ids_and_never_deletes_a_mailed_card(DatabaseProvider provider)
    {
        var round = 1;
        var extractor = new ScriptedExtractor(_ => new ExtractionResult(round == 1
            ? [Card("Distillation makes big models cheap to copy", Distillation), Card("Cheap batteries made electric buses win", Batteries), Card("Why rates stay high", Banks)]
            : [Card("Big models can be copied by querying them", Distillation), Card("Short sleep hurts the heart", Sleep)]));
        await using var app = await TestApp.StartAsync(provider, configureServices: s => s.AddSingleton<IInsightExtractor>(extractor));
        var now = app.Clock.GetUtcNow().UtcDateTime;
        await using var db = app.CreateDbContext();
        var episode = await InsightsTestData.AddEpisodeAsync(db, now, InjectionFixture.Document(), TimeSpan.FromDays(1));
        await app.WithScopeAsync(sp => sp.GetRequiredService<ExtractEpisodeJob>().RunAsync(episode.Id, false, Ct));
        var before = await db.InsightCards.AsNoTracking().Where(c => c.EpisodeId == episode.Id).ToDictionaryAsync(c => c.Quote, c => c.Id, Ct);
        Assert.Equal(3, before.Count);
        // The batteries card went out in a digest.
        var subscriber = new Subscriber { Email = "a@example.com", EmailNormalized = "a@example.com", Status = SubscriberStatus.Active };
        db.Subscribers.Add(subscriber);
        await db.SaveChangesAsync(Ct);
        db.Digests.Add(new Digest
        {
            SubscriberId = subscriber.Id,
            LocalDate = DateOnly.FromDateTime(now),
            ScheduledFor = now,
            State = DigestState.Sent,
            MessageId = "<m@test>",
            CreatedAt = now,
            Items = [new DigestItem { InsightCardId = before[Batteries], Position = 0, Score = 1, WhyLine = "because" }],
        });
        await db.SaveChangesAsync(Ct);

        round = 2;
        var outcome = await app.WithScopeAsync(sp => sp.GetRequiredService<ExtractEpisodeJob>().RunAsync(episode.Id, true, Ct));

        Assert.Equal((ExtractionStatus.Done, 2), (outcome.Status, outcome.Cards));
        await using var check = app.CreateDbContext();
        var after = await check.InsightCards.AsNoTracking().Where(c => c.EpisodeId == episode.Id).ToListAsync(Ct);
        var distillation = after.Single(c => c.Quote == Distillation);
        Assert.Equal((before[Distillation], "Big models can be copied by querying them"), (distillation.Id, distillation.Headline));
        var mailed = after.Single(c => c.Quote == Batteries);
        Assert.Equal((before[Batteries], now), (mailed.Id, mailed.RetiredAt));
        Assert.DoesNotContain(after, c => c.Quote == Banks);
        Assert.Null(after.Single(c => c.Quote == Sleep).RetiredAt);
        Assert.Equal(1, await check.DigestItems.CountAsync(i => i.InsightCardId == before[Batteries], Ct));
    }
}
