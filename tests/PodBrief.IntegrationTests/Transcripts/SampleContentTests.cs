using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PodBrief.Core.Data;
using PodBrief.Core.Insights;
using PodBrief.Core.Transcripts;
using PodBrief.Core.Transcripts.Samples;
using PodBrief.Testing;

namespace PodBrief.IntegrationTests.Transcripts;

/// <summary>The sample show of a fresh embedded install: loaded, extracted like any show, shown, and removable.</summary>
public partial class SampleContentTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly Dictionary<string, string?> WithSample = new()
    {
        ["Feeds:LoadSampleContent"] = "true",
        ["Feeds:LoadStarterCatalog"] = "true",
    };

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task A_fresh_install_gets_the_sample_show_whose_cards_reach_the_landing_page_and_remove_sample_clears_them(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, WithSample);
        await using var db = app.CreateDbContext();

        var sample = await db.Podcasts.Include(p => p.Episodes).SingleAsync(p => p.AddedBy == PodcastSource.Sample, Ct);
        Assert.StartsWith("Sample", sample.Title, StringComparison.Ordinal);
        Assert.Equal(PodcastStatus.Disabled, sample.Status); // never polled: there is no feed behind it
        Assert.InRange(sample.Episodes.Count, 3, 4);
        // The starter catalog still loads beside it: the sample show does not make the catalog "non-empty".
        Assert.True(await db.Podcasts.CountAsync(p => p.AddedBy == PodcastSource.StarterCatalog, Ct) > 0);

        var transcripts = await db.Transcripts.Where(t => sample.Episodes.Select(e => e.Id).Contains(t.EpisodeId)).ToListAsync(Ct);
        Assert.Equal(sample.Episodes.Count, transcripts.Count);
        foreach (var transcript in transcripts)
        {
            Assert.Equal(TranscriptFormat.WebVtt, transcript.SourceFormat);
            Assert.InRange(transcript.DurationSeconds ?? 0, 10 * 60, 20 * 60);
            var words = transcript.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
            Assert.InRange(words, 1500, 3000);
            var speakers = TranscriptSegmentsJson.Deserialize(transcript.SegmentsJson).Select(s => s.Speaker).Distinct().Count();
            Assert.True(speakers >= 2, $"expected a conversation, found {speakers} speaker(s)");
        }
        Assert.All(sample.Episodes, e => Assert.Equal(ExtractionStatus.Pending, e.ExtractionStatus));

        // The normal pipeline: the extraction queue finds them due, the configured (offline) extractor makes cards.
        var due = await ExtractionQueue.DueEpisodeIdsAsync(db, app.Clock.GetUtcNow().UtcDateTime, 7, force: false, 100, Ct);
        Assert.Equal(sample.Episodes.Select(e => e.Id).Order(), due.Order());
        foreach (var id in due)
        {
            var outcome = await app.WithScopeAsync(sp => sp.GetRequiredService<ExtractEpisodeJob>().RunAsync(id, false, Ct));
            Assert.Equal(ExtractionStatus.Done, outcome.Status);
        }
        await using var after = app.CreateDbContext();
        var cardIds = await after.InsightCards.Where(c => c.PodcastId == sample.Id).Select(c => c.Id).ToListAsync(Ct);
        Assert.True(cardIds.Count >= 3, $"only {cardIds.Count} sample cards");

        using var client = app.CreateClient();
        var landing = await client.GetStringAsync(new Uri("/", UriKind.Relative), Ct);
        Assert.True(CardArticle().Count(landing) >= 3, "fewer than 3 cards on the landing page");
        Assert.Contains(sample.Title!, landing, StringComparison.Ordinal);
        var insight = await client.GetAsync(new Uri($"/i/{cardIds[0]}", UriKind.Relative), Ct);
        Assert.Equal(System.Net.HttpStatusCode.OK, insight.StatusCode);

        // `digests preview` of a fresh subscriber ranks the sample cards now, and changes nothing.
        var subscriber = new PodBrief.Core.Data.Subscriber
        {
            Email = "reader@example.com",
            EmailNormalized = "reader@example.com",
            Status = PodBrief.Core.Data.SubscriberStatus.Active,
            CreatedAt = app.Clock.GetUtcNow().UtcDateTime,
            NextSendAt = app.Clock.GetUtcNow().UtcDateTime.AddHours(2),
        };
        after.Subscribers.Add(subscriber);
        await after.SaveChangesAsync(Ct);
        var tokensBefore = await after.SubscriberTokens.CountAsync(Ct);
        var preview = await app.WithScopeAsync(sp => sp.GetRequiredService<PodBrief.Core.Digests.DigestPreviewer>().PreviewAsync(subscriber, Ct));
        Assert.True(preview.Picks.Count >= 3, $"preview ranked {preview.Picks.Count} card(s)");
        Assert.All(preview.Picks, p => Assert.Contains(p.CardId, cardIds));
        Assert.Contains(preview.Picks[0].Headline, preview.Message.HtmlBody, StringComparison.Ordinal);
        await using (var unchanged = app.CreateDbContext())
        {
            Assert.False(await unchanged.Digests.AnyAsync(Ct));
            Assert.Equal(tokensBefore, await unchanged.SubscriberTokens.CountAsync(Ct));
            Assert.Null((await unchanged.Subscribers.SingleAsync(Ct)).ProfileUpdatedAt);
        }

        var removed = await app.WithScopeAsync(sp => sp.GetRequiredService<SampleContentRemover>().RemoveAsync(Ct));
        Assert.Equal(new SampleRemoval(1, sample.Episodes.Count, cardIds.Count), removed);
        await using var gone = app.CreateDbContext();
        Assert.False(await gone.Podcasts.AnyAsync(p => p.AddedBy == PodcastSource.Sample, Ct));
        Assert.False(await gone.InsightCards.AnyAsync(c => cardIds.Contains(c.Id), Ct));
        Assert.False(await gone.Transcripts.AnyAsync(t => sample.Episodes.Select(e => e.Id).Contains(t.EpisodeId), Ct));
        Assert.False(await gone.InsightClusters.AnyAsync(k => !gone.InsightCards.Any(c => c.ClusterId == k.Id), Ct));
        Assert.Equal(new SampleRemoval(0, 0, 0), await app.WithScopeAsync(sp => sp.GetRequiredService<SampleContentRemover>().RemoveAsync(Ct)));

        // A restart does not bring it back while the catalog has other podcasts.
        await app.WithScopeAsync(sp => sp.GetServices<PodBrief.Core.Data.IDatabaseSeeder>().OfType<SampleContentSeeder>().Single().SeedAsync(gone, Ct));
        Assert.False(await gone.Podcasts.AnyAsync(p => p.AddedBy == PodcastSource.Sample, Ct));
    }

    [Fact]
    public async Task Switched_off_no_sample_show_is_loaded()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite, new Dictionary<string, string?> { ["Feeds:LoadSampleContent"] = "false" });
        await using var db = app.CreateDbContext();
        Assert.False(await db.Podcasts.AnyAsync(Ct));
    }

    [GeneratedRegex("<article class=\"card[ \"]")]
    private static partial Regex CardArticle();
}
