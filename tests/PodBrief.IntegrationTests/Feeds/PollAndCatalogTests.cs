using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PodBrief.Core.Data;
using PodBrief.Core.Feeds;
using PodBrief.Core.Feeds.Catalog;
using PodBrief.Core.Feeds.Ingestion;
using PodBrief.Testing;
using static PodBrief.IntegrationTests.Feeds.FeedTestSupport;

namespace PodBrief.IntegrationTests.Feeds;

public class PollAndCatalogTests
{
    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task The_tick_enqueues_one_job_per_due_podcast_with_a_per_host_cap(DatabaseProvider provider)
    {
        var jobs = new RecordingJobClient();
        await using var app = await StartAppAsync(provider, new Dictionary<string, string?> { ["Feeds:PerHostConcurrency"] = "2" },
            s => s.Replace(ServiceDescriptor.Singleton<IBackgroundJobClient>(jobs)));
        var now = app.Clock.GetUtcNow().UtcDateTime;
        await using (var db = app.CreateDbContext())
        {
            for (var i = 0; i < 3; i++)
            {
                db.Podcasts.Add(new Podcast { FeedUrl = $"https://big.example.com/{i}.xml", NextCheckAt = now.AddMinutes(-i - 1) });
            }
            db.Podcasts.Add(new Podcast { FeedUrl = "https://small.example.org/feed", NextCheckAt = now.AddMinutes(-1) });
            db.Podcasts.Add(new Podcast { FeedUrl = "https://later.example.org/feed", NextCheckAt = now.AddHours(1) });
            db.Podcasts.Add(new Podcast { FeedUrl = "https://off.example.org/feed", NextCheckAt = now.AddHours(-1), Status = PodcastStatus.Disabled });
            db.Podcasts.Add(new Podcast { FeedUrl = "https://paused.example.org/feed", NextCheckAt = now.AddHours(-1), Status = PodcastStatus.Paused });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        Task Tick() => app.RunTickAsync<PollDueFeedsTick>(TestContext.Current.CancellationToken);
        async Task<List<string>> EnqueuedUrls()
        {
            await using var check = app.CreateDbContext();
            var ids = jobs.PodcastIds;
            return [.. (await check.Podcasts.Where(p => ids.Contains(p.Id)).Select(p => p.FeedUrl).ToListAsync(TestContext.Current.CancellationToken)).Order()];
        }

        await Tick();
        // The two most overdue of big.example.com (cap 2), and the other host's one.
        Assert.Equal(["https://big.example.com/1.xml", "https://big.example.com/2.xml", "https://small.example.org/feed"], await EnqueuedUrls());
        await Tick();
        // The next tick leaves the leased ones alone and takes the third of big.example.com.
        Assert.Equal(4, jobs.PodcastIds.Count);
        Assert.Equal(4, jobs.PodcastIds.Distinct().Count());
        Assert.Contains("https://big.example.com/0.xml", await EnqueuedUrls());
        Assert.All(jobs.Jobs, j => Assert.Equal(typeof(RefreshPodcastJob), j.Type));
    }

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task The_catalog_validates_fetches_once_and_returns_existing_podcasts(DatabaseProvider provider)
    {
        await using var server = await LoopbackHttpServer.StartAsync(c => c.Response.WriteAsync(c.Request.Path == "/feed"
            ? Rss(Item("1", "https://cdn.example.com/1.mp3") + Item("2", "https://cdn.example.com/2.mp3"))
            : "<html><body>not a feed</body></html>"));
        await using var app = await StartAppAsync(provider);
        var ct = TestContext.Current.CancellationToken;

        var added = await app.WithScopeAsync(sp => sp.GetRequiredService<IPodcastCatalog>().AddAsync(server.Url("/feed").AbsoluteUri, PodcastSource.Subscriber, ct));
        var again = await app.WithScopeAsync(sp => sp.GetRequiredService<IPodcastCatalog>().AddAsync(" " + server.Url("/feed").AbsoluteUri + " ", PodcastSource.Operator, ct));
        var notFeed = await app.WithScopeAsync(sp => sp.GetRequiredService<IPodcastCatalog>().AddAsync(server.Url("/page").AbsoluteUri, PodcastSource.Operator, ct));
        var credentials = await app.WithScopeAsync(sp => sp.GetRequiredService<IPodcastCatalog>().AddAsync("https://u:p@example.com/feed", PodcastSource.Operator, ct));
        var ftp = await app.WithScopeAsync(sp => sp.GetRequiredService<IPodcastCatalog>().AddAsync("ftp://example.com/feed", PodcastSource.Operator, ct));

        Assert.True(added.Succeeded, added.Error);
        Assert.Equal(("Fixture Show", PodcastSource.Subscriber), (added.Podcast!.Title, added.Podcast.AddedBy));
        Assert.Equal(added.Podcast.Id, again.Podcast!.Id);
        Assert.Contains("Not a podcast feed", notFeed.Error, StringComparison.Ordinal);
        Assert.False(credentials.Succeeded);
        Assert.False(ftp.Succeeded);
        Assert.Equal(2, server.Requests.Count); // /feed once, /page once
        Assert.Equal(2, (await LoadAsync(app, added.Podcast.Id)).Episodes.Count);
    }

    [Fact]
    public async Task The_catalog_refuses_private_addresses_by_default()
    {
        await using var server = await LoopbackHttpServer.StartAsync(c => c.Response.WriteAsync(Rss("")));
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        var result = await app.WithScopeAsync(sp => sp.GetRequiredService<IPodcastCatalog>().AddAsync(server.Url("/feed").AbsoluteUri, PodcastSource.Subscriber, TestContext.Current.CancellationToken));
        Assert.False(result.Succeeded);
        Assert.Contains("private, loopback or reserved", result.Error, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
        await using var db = app.CreateDbContext();
        Assert.Equal(0, await db.Podcasts.CountAsync(TestContext.Current.CancellationToken));
    }

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task Opml_import_adds_new_feeds_once_and_rejects_bad_urls(DatabaseProvider provider)
    {
        await using var app = await StartAppAsync(provider);
        const string opml = """
            <?xml version="1.0"?><opml version="2.0"><head><title>Subs</title></head><body>
              <outline text="Tech"><outline type="rss" text="A" xmlUrl="https://a.example.com/feed"/><outline text="B" xmlUrl="feed://b.example.com/rss"/></outline>
              <outline text="dup" xmlUrl="https://a.example.com/feed"/><outline text="bad" xmlUrl="javascript:alert(1)"/>
            </body></opml>
            """;
        OpmlImportResult Import() => app.WithScopeAsync(sp => sp.GetRequiredService<OpmlImporter>().ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(opml)), TestContext.Current.CancellationToken)).GetAwaiter().GetResult();
        var first = Import();
        var second = Import();
        Assert.Equal((2, 0, 1), (first.Added, first.AlreadyKnown, first.Rejected.Count));
        Assert.Equal((0, 2), (second.Added, second.AlreadyKnown));
        await using var db = app.CreateDbContext();
        var podcasts = await db.Podcasts.OrderBy(p => p.FeedUrl).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(["https://a.example.com/feed", "https://b.example.com/rss"], podcasts.Select(p => p.FeedUrl));
        Assert.All(podcasts, p => Assert.Equal(PodcastSource.OpmlImport, p.AddedBy));
    }

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task The_starter_catalog_loads_only_into_an_empty_catalog(DatabaseProvider provider)
    {
        await using var app = await StartAppAsync(provider, new Dictionary<string, string?> { ["Feeds:LoadStarterCatalog"] = "true" });
        await using var db = app.CreateDbContext();
        var count = await db.Podcasts.CountAsync(p => p.AddedBy == PodcastSource.StarterCatalog && p.Status == PodcastStatus.Active, TestContext.Current.CancellationToken);
        Assert.InRange(count, 10, 30); // seeded at startup, unfetched, due now
        Assert.Equal(count, await db.Podcasts.CountAsync(p => p.NextCheckAt <= app.Clock.GetUtcNow().UtcDateTime, TestContext.Current.CancellationToken));

        var first = await db.Podcasts.OrderBy(p => p.Id).FirstAsync(TestContext.Current.CancellationToken);
        db.Podcasts.Remove(first);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        await using var scope = app.Services.CreateAsyncScope();
        var seeder = scope.ServiceProvider.GetServices<PodBrief.Core.Data.IDatabaseSeeder>().OfType<StarterCatalogSeeder>().Single();
        await seeder.SeedAsync(db, TestContext.Current.CancellationToken);
        Assert.Equal(count - 1, await db.Podcasts.CountAsync(TestContext.Current.CancellationToken)); // not empty: an operator's deletion stands
    }

    [Fact]
    public async Task The_admin_page_lists_podcasts_with_their_errors_and_adds_by_url()
    {
        await using var server = await LoopbackHttpServer.StartAsync(c =>
        {
            if (c.Request.Path == "/broken")
            {
                c.Response.StatusCode = 500;
                return Task.CompletedTask;
            }
            return c.Response.WriteAsync(Rss(Item("1", "https://cdn.example.com/1.mp3", "<b>Bold</b> &amp; safe")));
        });
        await using var app = await StartAppAsync(DatabaseProvider.Sqlite);
        var broken = await AddPodcastRowAsync(app, server.Url("/broken"));
        await RefreshAsync(app, broken);
        using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:test-admin-password")));
        var ct = TestContext.Current.CancellationToken;

        var page = await client.GetStringAsync("/Admin/Podcasts", ct);
        Assert.Contains("HTTP 500 Internal Server Error", page, StringComparison.Ordinal);
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        Assert.NotEmpty(token);

        var withoutToken = await client.PostAsync("/Admin/Podcasts?handler=Add", new FormUrlEncodedContent(new Dictionary<string, string> { ["FeedUrl"] = server.Url("/feed").AbsoluteUri }), ct);
        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);

        var post = await client.PostAsync("/Admin/Podcasts?handler=Add", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["FeedUrl"] = server.Url("/feed").AbsoluteUri,
            ["__RequestVerificationToken"] = token,
        }), ct);
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        using var follow = new HttpRequestMessage(HttpMethod.Get, post.Headers.Location);
        foreach (var cookie in post.Headers.GetValues("Set-Cookie"))
        {
            follow.Headers.TryAddWithoutValidation("Cookie", cookie.Split(';')[0]);
        }
        var after = await (await client.SendAsync(follow, ct)).Content.ReadAsStringAsync(ct);
        Assert.Contains("Added", after, StringComparison.Ordinal);
        Assert.Contains("Fixture Show", after, StringComparison.Ordinal);
        Assert.Contains(server.Url("/feed").AbsoluteUri, after, StringComparison.Ordinal);
    }

    private sealed class RecordingJobClient : IBackgroundJobClient
    {
        public List<Job> Jobs { get; } = [];

        public List<long> PodcastIds => [.. Jobs.Select(j => (long)j.Args[0])];

        public string Create(Job job, IState state)
        {
            lock (Jobs)
            {
                Jobs.Add(job);
            }
            return Jobs.Count.ToString();
        }

        public bool ChangeState(string jobId, IState state, string expectedState) => true;
    }
}
