using PodBrief.Core.Data;
using PodBrief.Core.Insights;
using PodBrief.Core.Transcripts;

namespace PodBrief.IntegrationTests.Insights;

/// <summary>
/// An hour of mostly small talk with six real claims: the extractor aims at one card per five minutes, but past five
/// cards it takes only informative sentences, so the hour gives its claims and not a quota filled with chat.
/// </summary>
public class OfflineCardFloorTests
{
    private static readonly string[] Claims =
    [
        "Battery prices fell by 90 percent in ten years, which means electric buses now cost less to run than diesel ones.",
        "Most listeners find new podcasts through recommendations from friends, because app charts only show the biggest shows.",
        "Interest rates rose to 5 percent, so borrowing costs more and small companies delay hiring.",
        "Remote teams that write decisions down ship faster, because nobody waits for the next meeting to learn what changed.",
        "The new vaccine uses messenger RNA, which lets manufacturers update it within six weeks instead of six months.",
        "Only 3 percent of users pay for the premium plan, so most of the revenue comes from a few large accounts.",
    ];

    private static readonly string[] Chat =
    [
        "Yeah so I went for a walk with the dog after lunch and it was nice out.",
        "My sister came over on Sunday and we cooked pasta together for a while.",
        "Ha, I know, I was laughing about that with my neighbour the whole afternoon.",
        "Anyway the coffee machine here broke again so I made tea instead of coffee.",
        "We watched a film last night and honestly I fell asleep halfway through it.",
        "Oh wow, yeah, that sounds like a really fun trip with the kids and everything.",
        "I think I left my jacket at the cafe again, I do that all the time.",
        "He told me about his garden and the tomatoes he grows out on the balcony.",
    ];

    [Fact]
    public async Task Past_five_cards_only_informative_sentences_become_cards()
    {
        var lines = Enumerable.Range(0, 60).Select(i => i % 10 == 5 ? Claims[i / 10] : Chat[(i * 3) % Chat.Length]).ToList();
        var document = new TranscriptDocument(
            lines.Select((line, i) => new TranscriptSegment(i * 60.0, (i * 60.0) + 50, i % 2 == 0 ? "Ada" : "Grace", line)).ToList(),
            TranscriptFormat.WebVtt, TranscriptProvenance.Publisher, "en");

        using var extractor = new OfflineInsightExtractor(SharedEmbedder.Embedder);
        var result = await extractor.ExtractAsync(new ExtractionRequest(1, "Show", "Episode", document, SharedEmbedder.Topics, 10), TestContext.Current.CancellationToken);

        Assert.InRange(result.Cards.Count, 5, Claims.Length);
        Assert.All(result.Cards, card => Assert.Contains(Claims, claim => claim.Contains(card.Quote.Trim('“', '”', '.'), StringComparison.Ordinal)));
    }
}
