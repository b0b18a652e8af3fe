using System.Net;
using PodBrief.Core.Data;
using PodBrief.Core.Transcripts.Chapters;
using PodBrief.Testing;
using static PodBrief.IntegrationTests.Web.WebTestKit;

namespace PodBrief.IntegrationTests.Web;

public class InsightChapterTests
{
    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task The_insight_page_names_the_chapter_playing_when_the_quote_starts_encoded(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, _) = await StartAsync(provider);
        await using var _app = app;
        // Quote at 12:34 (754 s): the chapter from 700 s covers it, not the ones at 0 s or 800 s.
        var ids = await SeedCardsAsync(app, "Chapter Show", [("Distillation attacks are cheap", null)], quoteStart: 754);
        var noTime = await SeedCardsAsync(app, "Other Show", [("A card without a time", null)], quoteStart: null);
        await using (var db = app.CreateDbContext())
        {
            var episodeId = db.InsightCards.Single(c => c.Id == ids[0]).EpisodeId;
            db.EpisodeChapters.AddRange(
                new EpisodeChapter { EpisodeId = episodeId, Position = 0, StartSeconds = 0, Title = "Cold open" },
                new EpisodeChapter { EpisodeId = episodeId, Position = 1, StartSeconds = 700, Title = "Moats <script>alert(1)</script> & models" },
                new EpisodeChapter { EpisodeId = episodeId, Position = 2, StartSeconds = 800, Title = "Detectors" });
            await db.SaveChangesAsync(ct);
        }
        using var client = Client(app);

        var response = await client.GetAsync($"/i/{ids[0]}", ct);
        var html = await BodyAsync(response);
        AssertStatus(HttpStatusCode.OK, response, html);
        Assert.Contains("Chapter: <span class=\"chapter-title\">Moats &lt;script&gt;alert(1)&lt;/script&gt; &amp; models</span>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Cold open", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(1)", html, StringComparison.Ordinal);

        var untimed = await BodyAsync(await client.GetAsync($"/i/{noTime[0]}", ct));
        Assert.DoesNotContain("class=\"chapter\"", untimed, StringComparison.Ordinal);
    }
}
