using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PodBrief.Core.Data;
using PodBrief.Core.Insights;
using PodBrief.Core.Insights.Quality;
using PodBrief.Core.Transcripts.Chapters;
using PodBrief.Testing;
using static PodBrief.IntegrationTests.Insights.Llm.LlmTestKit;

namespace PodBrief.IntegrationTests.Insights.Llm;

/// <summary>
/// LLM extractor v2 through the real Azure client against the loopback fake: a card that <see cref="CardQuality"/>
/// faults or whose quote is made up is sent back once with its problems, then dropped if still faulty; the re-ask is
/// paid once and a second run pays nothing.
/// </summary>
public class LlmCardQualityTests
{
    private const string EchoBody = "Big labs worry that a smaller model can be trained cheaply by querying the larger one, which undercuts their moat.";
    private const string ReaskMarker = "break the card rules";
    private const string MadeUp = "distillation is the single biggest threat the industry has ever faced in its history";

    public static TheoryData<string, object, string> Faulty => new()
    {
        { "echoed headline", Card("Big labs worry that a smaller", EchoBody, DistillationQuote), CardQuality.Describe(CardFault.HeadlineEchoesBody) },
        { "cut headline", Card("Why cheap distillation undercuts the…", EchoBody, DistillationQuote), CardQuality.Describe(CardFault.HeadlineCutOff) },
        { "dangling start", Card("Detectors punish a house style", "That's why detectors now flag a brand's own new writing as machine-made, hurting honest writers.", CorpusQuote, 0.6, "media"), CardQuality.Describe(CardFault.DanglingStart) },
        { "made-up quote", Card("Distillation as an existential threat", "Distillation threatens every frontier lab, because copying a model costs far less than training one.", MadeUp), "not in the transcript" },
    };

    [Theory, MemberData(nameof(Faulty))]
    public async Task A_faulty_card_is_re_asked_once_with_its_problem_then_dropped(string kind, object faulty, string problem)
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Enqueue(FakeOpenAiServer.Chat(Cards(DistillationCard, faulty)));
        // The model repeats the same card when asked again: still faulty, so it is dropped.
        server.ChatResponder = _ => Cards(faulty);
        await using var app = await StartAppAsync(server);

        var result = await app.ExtractAsync();

        var card = Assert.Single(result.Cards);
        Assert.Equal("Cheap distillation erodes big-model moats", card.Headline);
        Assert.True(server.ChatRequests.Count == 2, $"{kind}: {server.ChatRequests.Count} chat requests");
        var reask = server.ChatRequests[1].User;
        // The reason travels as JSON inside the prompt; its words before any quoted example must be there verbatim.
        Assert.Contains(problem.Split(" (")[0], reask, StringComparison.Ordinal);
        Assert.Contains("<transcript>", reask, StringComparison.Ordinal);
        Assert.DoesNotContain("Cheap distillation erodes", reask, StringComparison.Ordinal);
        Assert.Single(result.Dropped);

        var again = await app.ExtractAsync();
        Assert.Equal(2, server.ChatRequests.Count);
        Assert.Equal(result.Cards.Select(c => c.Headline), again.Cards.Select(c => c.Headline));
    }

    [Fact]
    public async Task A_card_fixed_by_the_re_ask_is_kept()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Enqueue(FakeOpenAiServer.Chat(Cards(Card("Big labs worry that a smaller", EchoBody, DistillationQuote))));
        server.ChatResponder = _ => Cards(Card("Distillation undercuts the big labs' moat", EchoBody, DistillationQuote));
        await using var app = await StartAppAsync(server);

        var result = await app.ExtractAsync();

        Assert.Equal("Distillation undercuts the big labs' moat", Assert.Single(result.Cards).Headline);
        Assert.Equal(2, server.ChatRequests.Count);
        Assert.Empty(result.Dropped);
    }

    [Fact]
    public async Task The_prompt_teaches_the_tone_and_the_chapters_are_context()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.ChatResponder = _ => Cards(DistillationCard);
        await using var app = await StartAppAsync(server);

        await app.ExtractAsync(Request() with { Chapters = [(0, "Cold open"), (6, "Why distillation <undercuts> the moat")] });

        var request = Assert.Single(server.ChatRequests);
        Assert.Contains("understand it on its own", request.System, StringComparison.Ordinal);
        Assert.Equal(3, request.System.Split("{\"headline\":", StringSplitOptions.None).Length - 1);
        Assert.Contains("Publisher chapters:\n[00:00] Cold open\n[00:06] Why distillation <undercuts> the moat", request.User, StringComparison.Ordinal);
        // Chapter titles come before the transcript and never in the system message.
        Assert.True(request.User.IndexOf("Publisher chapters", StringComparison.Ordinal) < request.User.IndexOf("<transcript>", StringComparison.Ordinal));
        Assert.DoesNotContain("Cold open", request.System, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task The_job_stores_only_grounded_link_free_cards_pays_the_re_ask_once_and_nothing_on_a_second_run(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await FakeOpenAiServer.StartAsync();
        var echoed = Card("Big labs worry that a smaller", EchoBody, DistillationQuote);
        var madeUp = Card("Distillation as an existential threat", "Distillation threatens every frontier lab, because copying a model costs far less than training one.", MadeUp);
        var link = Card("Read the full story online", "Readers should visit evil.example for the full story on how distillation works in practice.", InjectionSentence);
        // The job embeds topics through the same fake first, so answers are chosen by what is asked, not by order.
        server.ChatResponder = request => request.User.Contains(ReaskMarker, StringComparison.Ordinal)
            ? Cards(echoed, madeUp)
            : Cards(DetectorCard, echoed, madeUp, link);
        await using var app = await StartAppAsync(server, provider: provider);
        var now = app.Clock.GetUtcNow().UtcDateTime;
        long episodeId;
        await using (var db = app.CreateDbContext())
        {
            episodeId = (await InsightsTestData.AddEpisodeAsync(db, now, LlmTestKit.Transcript, TimeSpan.FromHours(2))).Id;
            db.EpisodeChapters.Add(new EpisodeChapter { EpisodeId = episodeId, Position = 0, StartSeconds = 14, Title = "Detectors and house styles" });
            await db.SaveChangesAsync(ct);
        }

        var first = await app.WithScopeAsync(sp => sp.GetRequiredService<ExtractEpisodeJob>().RunAsync(episodeId, false, ct));
        var chatAfterFirst = server.ChatRequests.Count;
        var second = await app.WithScopeAsync(sp => sp.GetRequiredService<ExtractEpisodeJob>().RunAsync(episodeId, true, ct));

        Assert.Equal((ExtractionStatus.Done, 1), (first.Status, first.Cards));
        Assert.Equal((ExtractionStatus.Done, 1), (second.Status, second.Cards));
        Assert.Equal(2, chatAfterFirst);
        Assert.Equal(chatAfterFirst, server.ChatRequests.Count);
        Assert.Contains("Detectors and house styles", server.ChatRequests[0].User, StringComparison.Ordinal);
        await using var check = app.CreateDbContext();
        var cards = await check.InsightCards.AsNoTracking().Where(c => c.EpisodeId == episodeId).ToListAsync(ct);
        var text = LlmTestKit.Transcript.ToPlainText();
        var stored = Assert.Single(cards);
        Assert.Equal("Detectors punish writers with a house style", stored.Headline);
        Assert.All(cards, c => Assert.Contains(c.Quote, text, StringComparison.Ordinal));
        Assert.DoesNotContain(cards, c => $"{c.Headline} {c.Body} {c.Quote}".Contains("evil.example", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(22, stored.QuoteStartSeconds);
        var chatUsage = await check.LlmUsage.Where(u => u.Operation == "chat").ToListAsync(ct);
        Assert.Equal(2, chatUsage.Count);
        Assert.All(chatUsage, u => Assert.True(u.Succeeded && u.EpisodeId == episodeId && u.EstimatedCostUsd > 0));
    }
}
