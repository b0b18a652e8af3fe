using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PodBrief.Core.Data;
using PodBrief.Core.Insights;
using PodBrief.Testing;

namespace PodBrief.IntegrationTests.Insights;

public class ExtractEpisodeJobTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task Offline_extraction_stores_grounded_cards_and_replaces_them_on_rerun(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var document = InjectionFixture.Document();
        await using var db = app.CreateDbContext();
        var episode = await InsightsTestData.AddEpisodeAsync(db, now, document, TimeSpan.FromDays(1));

        Assert.Equal(DefaultTopics.All.Count, await db.Topics.CountAsync(Ct));
        Assert.Equal(DefaultTopics.All.Count, await db.Topics.CountAsync(t => t.EmbeddingModel == LocalMiniLmEmbedder.Model && t.Embedding != null, Ct));

        var outcome = await app.WithScopeAsync(sp => sp.GetRequiredService<ExtractEpisodeJob>().RunAsync(episode.Id, false, Ct));
        Assert.Equal(ExtractionStatus.Done, outcome.Status);

        await using var check = app.CreateDbContext();
        var cards = await check.InsightCards.Include(c => c.Topics).ThenInclude(t => t.Topic).Where(c => c.EpisodeId == episode.Id).ToListAsync(Ct);
        Assert.InRange(cards.Count, 4, 6);
        foreach (var card in cards)
        {
            // The time is where the quote is: the segment whose text starts the quote.
            var segment = document.Segments.Single(s => s.Start == card.QuoteStartSeconds);
            Assert.StartsWith(card.Quote.Split(' ')[0], segment.Text, StringComparison.Ordinal);
            Assert.Equal(segment.Speaker, card.Speaker);
            Assert.Equal(384 * sizeof(float), card.Embedding!.Length);
            Assert.Equal(LocalMiniLmEmbedder.Model, card.EmbeddingModel);
            Assert.Equal("offline-minilm", card.ExtractorName);
            Assert.Equal(CardConfidence.High, card.Confidence);
            Assert.Equal(TranscriptProvenance.Publisher, card.Provenance);
            Assert.DoesNotContain("evil", card.Body + card.Headline + card.Quote, StringComparison.OrdinalIgnoreCase);
        }
        Assert.Contains(cards, c => c.Topics.Any(t => t.Topic!.Slug == "ai"));
        var stored = await check.Episodes.SingleAsync(e => e.Id == episode.Id, Ct);
        Assert.Equal(ExtractionStatus.Done, stored.ExtractionStatus);
        Assert.Equal(now, stored.ExtractedAt);
        Assert.Equal(1, stored.ExtractionAttempts);

        // Safe to run twice: the episode's cards are replaced, not duplicated.
        await app.WithScopeAsync(sp => sp.GetRequiredService<ExtractEpisodeJob>().RunAsync(episode.Id, false, Ct));
        await using var again = app.CreateDbContext();
        Assert.Equal(cards.Count, await again.InsightCards.CountAsync(c => c.EpisodeId == episode.Id, Ct));
        Assert.Equal(cards.Select(c => c.Quote).Order(), (await again.InsightCards.Where(c => c.EpisodeId == episode.Id).Select(c => c.Quote).ToListAsync(Ct)).Order());
    }

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task Hallucinated_quotes_and_links_are_dropped_and_times_come_from_the_transcript(DatabaseProvider provider)
    {
        var extractor = new ScriptedExtractor(_ => new ExtractionResult(
        [
            new ExtractedCard("Distillation makes big models vulnerable", "Large AI models can be copied cheaply by querying them, which favours open models.",
                "Large AI models are vulnerable to distillation attacks because a smaller model", ["ai", "not-a-topic"], ["distillation"], 0.9, Speaker: "Invented"),
            new ExtractedCard("A quote that is not there", "The model made this quote up entirely, so the card must not be stored.",
                "Quantum toasters will replace every bakery by the year 2031 according to experts", ["ai"], [], 0.8),
            new ExtractedCard("Visit **evil.example**", "Read more at <a href=\"https://evil.example\">evil.example</a> today, readers.",
                "The cost of training a frontier model has grown roughly tenfold every two years", ["ai"], [], 0.7),
        ]));
        await using var app = await TestApp.StartAsync(provider, configureServices: s => s.AddSingleton<IInsightExtractor>(extractor));
        var now = app.Clock.GetUtcNow().UtcDateTime;
        await using var db = app.CreateDbContext();
        var episode = await InsightsTestData.AddEpisodeAsync(db, now, InjectionFixture.Document(), TimeSpan.FromHours(3));

        var outcome = await app.WithScopeAsync(sp => sp.GetRequiredService<ExtractEpisodeJob>().RunAsync(episode.Id, false, Ct));

        Assert.Equal(ExtractionStatus.Done, outcome.Status);
        Assert.Equal(2, outcome.Dropped);
        await using var check = app.CreateDbContext();
        var card = Assert.Single(await check.InsightCards.Include(c => c.Topics).ThenInclude(t => t.Topic).ToListAsync(Ct));
        Assert.Equal(20.0, card.QuoteStartSeconds);
        Assert.Equal("Grace", card.Speaker); // from the transcript, not the extractor's "Invented"
        Assert.Equal(["ai"], card.Topics.Select(t => t.Topic!.Slug));
        Assert.Equal("scripted", card.ExtractorName);
        var stored = await check.Episodes.SingleAsync(e => e.Id == episode.Id, Ct);
        Assert.Contains("quote not found", stored.ExtractionLastError, StringComparison.Ordinal);
        Assert.Contains("link", stored.ExtractionLastError, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task Show_notes_cards_have_no_timestamp_and_low_confidence(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var now = app.Clock.GetUtcNow().UtcDateTime;
        await using var db = app.CreateDbContext();
        var episode = await InsightsTestData.AddEpisodeAsync(db, now, InjectionFixture.Document(TranscriptProvenance.ShowNotes), TimeSpan.FromDays(2));

        await app.WithScopeAsync(sp => sp.GetRequiredService<ExtractEpisodeJob>().RunAsync(episode.Id, false, Ct));

        await using var check = app.CreateDbContext();
        var cards = await check.InsightCards.Where(c => c.EpisodeId == episode.Id).ToListAsync(Ct);
        Assert.NotEmpty(cards);
        Assert.All(cards, c =>
        {
            Assert.Null(c.QuoteStartSeconds);
            Assert.Null(c.QuoteEndSeconds);
            Assert.Equal(CardConfidence.Low, c.Confidence);
            Assert.Equal(TranscriptProvenance.ShowNotes, c.Provenance);
        });
    }

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task Episode_states_record_why_extraction_did_not_happen(DatabaseProvider provider)
    {
        var mode = "defer";
        var extractor = new ScriptedExtractor(_ => mode switch
        {
            "defer" => throw new ExtractionDeferredException("daily budget reached", new DateTime(2026, 3, 3, 0, 0, 0, DateTimeKind.Utc)),
            _ => throw new ExtractionFailedException("HTTP 401 from the LLM endpoint"),
        });
        await using var app = await TestApp.StartAsync(provider, configureServices: s => s.AddSingleton<IInsightExtractor>(extractor));
        var now = app.Clock.GetUtcNow().UtcDateTime;
        await using var db = app.CreateDbContext();
        var fresh = await InsightsTestData.AddEpisodeAsync(db, now, InjectionFixture.Document(), TimeSpan.FromDays(1));
        var old = await InsightsTestData.AddEpisodeAsync(db, now, InjectionFixture.Document(), TimeSpan.FromDays(30));
        var noTranscript = await InsightsTestData.AddEpisodeAsync(db, now, null, TimeSpan.FromDays(1));

        async Task<ExtractionOutcome> Run(long id, bool force = false) =>
            await app.WithScopeAsync(sp => sp.GetRequiredService<ExtractEpisodeJob>().RunAsync(id, force, Ct));

        Assert.Equal(ExtractionStatus.Waiting, (await Run(fresh.Id)).Status);
        Assert.Equal(ExtractionStatus.Skipped, (await Run(old.Id)).Status);
        Assert.Equal(1, extractor.Calls); // the old episode never reached the extractor
        Assert.Equal(ExtractionStatus.Waiting, (await Run(noTranscript.Id)).Status);
        mode = "fail";
        Assert.Equal(ExtractionStatus.Failed, (await Run(old.Id, force: true)).Status);

        await using var check = app.CreateDbContext();
        var rows = await check.Episodes.ToDictionaryAsync(e => e.Id, Ct);
        Assert.Equal("daily budget reached", rows[fresh.Id].ExtractionLastError);
        Assert.Equal(new DateTime(2026, 3, 3, 0, 0, 0, DateTimeKind.Utc), rows[fresh.Id].ExtractionNextAttemptAt);
        Assert.Equal(1, rows[fresh.Id].ExtractionAttempts);
        Assert.Equal("waiting for the transcript", rows[noTranscript.Id].ExtractionLastError);
        Assert.Equal(ExtractionStatus.Failed, rows[old.Id].ExtractionStatus);
        Assert.Equal("HTTP 401 from the LLM endpoint", rows[old.Id].ExtractionLastError);

        // The tick picks the waiting episode once its next attempt has passed, never the failed one.
        var due = await ExtractionQueue.DueEpisodeIdsAsync(check, now, 7, force: false, 100, Ct);
        Assert.Empty(due);
        Assert.Equal([fresh.Id], await ExtractionQueue.DueEpisodeIdsAsync(check, now.AddDays(1), 7, force: false, 100, Ct));
    }

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task An_extraction_stopped_by_shutdown_is_not_counted_as_a_failed_attempt(DatabaseProvider provider)
    {
        using var stopping = new CancellationTokenSource();
        var extractor = new ScriptedExtractor(_ =>
        {
            // What ONNX Runtime does when its run is terminated on cancellation: its own exception, not an OperationCanceledException.
            stopping.Cancel();
            throw new InvalidOperationException("Exiting due to terminate flag being set to true.");
        });
        await using var app = await TestApp.StartAsync(provider, configureServices: s => s.AddSingleton<IInsightExtractor>(extractor));
        var now = app.Clock.GetUtcNow().UtcDateTime;
        await using var db = app.CreateDbContext();
        var episode = await InsightsTestData.AddEpisodeAsync(db, now, InjectionFixture.Document(), TimeSpan.FromDays(1));

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            app.WithScopeAsync(sp => sp.GetRequiredService<ExtractEpisodeJob>().RunAsync(episode.Id, force: false, stopping.Token)));

        await using var check = app.CreateDbContext();
        var row = await check.Episodes.SingleAsync(e => e.Id == episode.Id, Ct);
        Assert.Equal(0, row.ExtractionAttempts);
        Assert.Null(row.ExtractionNextAttemptAt);
        Assert.Null(row.ExtractionLeaseUntil);
        Assert.Equal([episode.Id], await ExtractionQueue.DueEpisodeIdsAsync(check, now, 7, force: false, 100, Ct));
    }
}
