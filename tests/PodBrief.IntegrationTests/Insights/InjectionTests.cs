using PodBrief.Core.Insights;

namespace PodBrief.IntegrationTests.Insights;

public class InjectionTests
{
    [Fact]
    public async Task Injected_instructions_never_reach_a_card()
    {
        using var extractor = new OfflineInsightExtractor(SharedEmbedder.Embedder);
        var result = await extractor.ExtractAsync(
            new ExtractionRequest(1, "Show", "Episode", InjectionFixture.Document(), SharedEmbedder.Topics, 6), TestContext.Current.CancellationToken);

        Assert.True(result.Cards.Count >= 4, $"only {result.Cards.Count} cards");
        foreach (var card in result.Cards)
        {
            var text = string.Join(" | ", card.Headline, card.Body, card.Quote, string.Join(",", card.Keywords));
            Assert.DoesNotContain("evil", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("instructions", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("visit", text, StringComparison.OrdinalIgnoreCase);
        }
    }
}
