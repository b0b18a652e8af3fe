using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PodBrief.Core.Data;
using PodBrief.Core.Insights;
using PodBrief.Core.Insights.Quality;
using PodBrief.Testing;

namespace PodBrief.IntegrationTests.Insights;

/// <summary>The quality gate in the extraction job: faulty cards are dropped, counted per reason on the episode, and
/// the reasons are shown on /Admin/Insights.</summary>
public class QualityGateTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task Faulty_cards_are_dropped_counted_and_shown_to_the_operator(DatabaseProvider provider)
    {
        const string quote = "Battery prices fell by about 90 percent over the last decade";
        var extractor = new ScriptedExtractor(_ => new ExtractionResult(
        [
            new ExtractedCard("Cheaper batteries, cheaper buses", "Battery prices fell by about 90 percent in ten years, so electric buses now cost less to run than diesel ones.",
                quote, ["ai"], [], 0.9),
            new ExtractedCard("Battery prices fell by about", "Battery prices fell by about 90 percent in ten years, so electric buses now cost less to run than diesel ones.",
                "The cost of training a frontier model has grown roughly tenfold every two years", [], [], 0.8),
            new ExtractedCard("Training costs", "That's why the cost of training a frontier model has grown roughly tenfold every two years since 2018.",
                "Grid operators in Texas added more solar capacity in 2023 than any other state", [], [], 0.7),
            new ExtractedCard("Sleep and the heart", "Thanks so much for listening to the show, and we will see you all again next week with more.",
                "Sleeping less than six hours a night raises the risk of heart disease", [], [], 0.6),
        ]));
        await using var app = await TestApp.StartAsync(provider, configureServices: s => s.AddSingleton<IInsightExtractor>(extractor));
        var now = app.Clock.GetUtcNow().UtcDateTime;
        await using var db = app.CreateDbContext();
        var episode = await InsightsTestData.AddEpisodeAsync(db, now, InjectionFixture.Document(), TimeSpan.FromHours(3));

        var outcome = await app.WithScopeAsync(sp => sp.GetRequiredService<ExtractEpisodeJob>().RunAsync(episode.Id, false, Ct));

        Assert.Equal(3, outcome.Dropped);
        await using var check = app.CreateDbContext();
        var card = Assert.Single(await check.InsightCards.Where(c => c.EpisodeId == episode.Id).ToListAsync(Ct));
        Assert.Equal("Cheaper batteries, cheaper buses", card.Headline);
        var stored = await check.Episodes.SingleAsync(e => e.Id == episode.Id, Ct);
        Assert.Equal(3, stored.ExtractionCardsDropped);
        var reasons = DropTally.Parse(stored.ExtractionDropReasons);
        Assert.Equal(1, reasons[nameof(CardFault.HeadlineEchoesBody)]);
        Assert.Equal(1, reasons[nameof(CardFault.DanglingStart)]);
        Assert.Equal(1, reasons[nameof(CardFault.Filler)]);

        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/Admin/Insights");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:test-admin-password")));
        var response = await client.SendAsync(request, Ct);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(CardQuality.Describe(CardFault.HeadlineEchoesBody), html, StringComparison.Ordinal);
        Assert.Contains(CardQuality.Describe(CardFault.DanglingStart), html, StringComparison.Ordinal);
        Assert.Contains(CardQuality.Describe(CardFault.Filler) + " ×1", html, StringComparison.Ordinal);
    }
}
