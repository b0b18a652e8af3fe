using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using PodBrief.Core.Data;
using PodBrief.IntegrationTests.Hosting;
using PodBrief.Testing;
using static PodBrief.IntegrationTests.Insights.Llm.LlmTestKit;

namespace PodBrief.IntegrationTests.Jobs;

/// <summary>
/// Issue 10's done-when, black box: the built web app runs as a process with its Hangfire server while the CLI verbs
/// run as processes on the same database. Feeds and transcripts come from a loopback HTTP server, the LLM is the
/// loopback OpenAI-compatible fake the real client talks to. Two polls at once both exit 0 and store each episode
/// once; the web app's extraction tick and `extract --once` together pay the LLM once per episode; a second
/// `extract --once` (and one with --force) keeps every card id, and every `/i/{id}` the web app served still answers.
/// (Five ticks with one slow tick on a real Hangfire server: <see cref="RecurringTickLockTests"/>.)
/// </summary>
public class WebAndCliOnOneDatabaseTests
{
    private const int FeedCount = 2;
    private const int EpisodesPerFeed = 3;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task Polls_and_extractions_from_the_web_app_and_the_cli_at_once_pay_once_and_keep_card_links(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var now = DateTime.UtcNow;
        await using var origin = await LoopbackHttpServer.StartAsync(c => ServeAsync(c, now));
        await using var llm = await FakeOpenAiServer.StartAsync();
        // Slow enough that the web app's job and the CLI really overlap on an episode when nothing claims it.
        llm.ResponseDelay = TimeSpan.FromSeconds(1);
        llm.ChatResponder = _ => Cards(DistillationCard, DetectorCard);
        await using (var db = database.CreateContext())
        {
            for (var f = 0; f < FeedCount; f++)
            {
                db.Podcasts.Add(new Podcast { FeedUrl = origin.Url($"/feed-{f}.xml").AbsoluteUri, NextCheckAt = now.AddMinutes(-1), CreatedAt = now });
            }
            await db.SaveChangesAsync(Ct);
        }
        var environment = Environment(database, llm);

        await using var web = await WebProcess.StartAsync(database.Directory, new Dictionary<string, string>(environment)
        {
            // The web app's extraction tick every two seconds, picked up within a second.
            ["Insights__TickCron"] = "*/2 * * * * *",
            ["Jobs__SchedulePollingInterval"] = "00:00:01",
        });

        // Two polls at once: a race on the same new episodes is never a crash.
        var polls = await Task.WhenAll(Cli(["poll", "--once"]), Cli(["poll", "--once"]));
        Assert.All(polls, p => Assert.True(p.Exit == 0, p.Output));
        await using (var db = database.CreateContext())
        {
            var guids = await db.Episodes.Select(e => e.Guid).ToListAsync(Ct);
            Assert.Equal(FeedCount * EpisodesPerFeed, guids.Count);
            Assert.Equal(guids.Count, guids.Distinct().Count());
        }
        var transcriptRequests = origin.Requests.Where(r => r.PathAndQuery.StartsWith("/t/", StringComparison.Ordinal)).ToList();
        Assert.Equal(FeedCount * EpisodesPerFeed, transcriptRequests.Count);
        Assert.Equal(transcriptRequests.Count, transcriptRequests.Select(r => r.PathAndQuery).Distinct().Count());

        // The web app's tick and the CLI extract at the same time.
        var extract = await Cli(["extract", "--once"]);
        Assert.True(extract.Exit == 0, extract.Output);
        // Which process extracted what depends on timing; the CLI's summary says its share.
        TestContext.Current.TestOutputHelper?.WriteLine("extract --once beside the web app's tick: " + extract.Output);
        await WaitUntilAsync(async () =>
        {
            await using var db = database.CreateContext();
            return await db.Episodes.CountAsync(e => e.ExtractionStatus != ExtractionStatus.Done, Ct) == 0;
        }, web);

        // One chat completion per episode: no episode's transcript was sent twice.
        var chats = llm.ChatRequests;
        Assert.Equal(FeedCount * EpisodesPerFeed, chats.Count);
        Assert.All(chats.GroupBy(c => c.User), g => Assert.Single(g));
        var cards = await CardIdsAsync(database);
        await using (var db = database.CreateContext())
        {
            Assert.Equal(FeedCount * EpisodesPerFeed, await db.InsightCards.Select(c => c.EpisodeId).Distinct().CountAsync(Ct));
        }
        using var http = web.CreateClient();
        await AssertCardPagesAnswerAsync(http, cards);

        var again = await Cli(["extract", "--once"]);
        Assert.True(again.Exit == 0, again.Output);
        Assert.Contains("No episodes are due", again.Output, StringComparison.Ordinal);
        var forced = await Cli(["extract", "--once", "--force"]);
        Assert.True(forced.Exit == 0, forced.Output);

        // Re-extraction answered from the extraction cache: no new LLM call, the same card ids, the same pages.
        Assert.Equal(chats.Count, llm.ChatRequests.Count);
        Assert.Equal(cards, await CardIdsAsync(database));
        await AssertCardPagesAnswerAsync(http, cards);

        Task<(int Exit, string Output)> Cli(string[] args) => OperatorCliTests.RunCliAsync(args, database.Directory, environment);
    }

    private static Dictionary<string, string> Environment(TestDatabase database, FakeOpenAiServer llm) => new()
    {
        ["Database__Provider"] = database.Provider.ToString(),
        ["Database__ConnectionString"] = database.ConnectionString,
        ["Feeds__AllowPrivateAddresses"] = "true",
        ["Feeds__LoadStarterCatalog"] = "false",
        ["Feeds__LoadSampleContent"] = "false",
        ["Insights__EmbedTopicsAtStartup"] = "false",
        ["Llm__Provider"] = "OpenAICompatible",
        ["Llm__BaseUrl"] = llm.V1BaseUri.AbsoluteUri,
        ["Llm__ApiKey"] = "test-key",
        ["Llm__ChatDeployment"] = Deployment,
        ["Llm__EmbeddingDeployment"] = EmbeddingDeployment,
        ["Llm__RetryBaseDelayMilliseconds"] = "10",
        ["Admin__Password"] = "test-admin-password",
    };

    /// <summary>Feeds /feed-{f}.xml with recent episodes, each with a WebVTT transcript /t/{f}-{n}.vtt that differs per episode.</summary>
    private static async Task ServeAsync(HttpContext context, DateTime now)
    {
        var path = context.Request.Path.Value!;
        if (path.StartsWith("/feed-", StringComparison.Ordinal))
        {
            var feed = path["/feed-".Length..^".xml".Length];
            var items = string.Concat(Enumerable.Range(0, EpisodesPerFeed).Select(n =>
            {
                var published = now.AddHours(-1 - n - (10 * int.Parse(feed, CultureInfo.InvariantCulture))).ToString("R", CultureInfo.InvariantCulture);
                var transcript = $"""<podcast:transcript url="http://{context.Request.Host}/t/{feed}-{n}.vtt" type="text/vtt"/>""";
                return $"""<item><title>Episode {feed}-{n}</title><guid>ep-{feed}-{n}</guid><pubDate>{published}</pubDate><enclosure url="https://cdn.example.com/{feed}-{n}.mp3" type="audio/mpeg" length="1000"/>{transcript}</item>""";
            }));
            context.Response.ContentType = "application/rss+xml";
            await context.Response.WriteAsync(Feeds.FeedTestSupport.Rss(items).Replace("Fixture Show", $"Fixture Show {feed}", StringComparison.Ordinal), Ct);
            return;
        }
        if (path.StartsWith("/t/", StringComparison.Ordinal))
        {
            context.Response.ContentType = "text/vtt";
            await context.Response.WriteAsync(Vtt(path["/t/".Length..^".vtt".Length]), Ct);
            return;
        }
        context.Response.StatusCode = 404;
    }

    private static string Vtt(string episode)
    {
        var cues = Insights.Llm.LlmTestKit.Transcript.Segments.Select(s =>
            $"{TimeSpan.FromSeconds(s.Start):hh\\:mm\\:ss\\.fff} --> {TimeSpan.FromSeconds(s.End):hh\\:mm\\:ss\\.fff}\n<v {s.Speaker}>{s.Text}");
        return "WEBVTT\n\n" + string.Join("\n\n", cues)
            + $"\n\n00:00:44.000 --> 00:00:50.000\n<v Ada>That was episode {episode}, recorded for this test only.\n";
    }

    private static async Task<List<long>> CardIdsAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        return await db.InsightCards.OrderBy(c => c.Id).Select(c => c.Id).ToListAsync(Ct);
    }

    private static async Task AssertCardPagesAnswerAsync(HttpClient http, List<long> cards)
    {
        foreach (var id in cards)
        {
            var response = await http.GetAsync($"i/{id}", Ct);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"/i/{id}: {(int)response.StatusCode}");
        }
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, WebProcess web)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out; the web app printed:\n" + web.Output);
            await Task.Delay(250, Ct);
        }
    }
}
