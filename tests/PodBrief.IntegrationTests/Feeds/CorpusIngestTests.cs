using PodBrief.Core.Data;
using PodBrief.Testing;
using static PodBrief.IntegrationTests.Feeds.FeedTestSupport;

namespace PodBrief.IntegrationTests.Feeds;

/// <summary>
/// Every corpus feed served over loopback HTTP through the real pipeline (fetch, decode, parse, upsert) on each
/// provider: it ingests the expected episodes and transcript links, or records a clear error on its podcast.
/// A second poll of the same bytes creates nothing.
/// </summary>
public class CorpusIngestTests
{
    /// <summary>file → (episodes, transcript links, expected error fragment).</summary>
    private static readonly Dictionary<string, (int Episodes, int Links, string? Error)> Expected = new()
    {
        ["apple-itunes-sample_all-about-everything_itunes-summary-only_BOM.xml"] = (4, 0, null),
        ["atom_youtube-channel_media-group_no-enclosures.xml"] = (15, 0, null),
        ["buzzsprout_dfacto-weekjournaal_nl_94items_one-item-4-transcripts.xml"] = (94, 4, null),
        ["buzzsprout_off-the-fence_158items_1.3MB_transcripts-html-json-srt-vtt.xml"] = (158, 142, null),
        ["datcast_html-in-itunes-subtitle_explicit-clean_empty-itunes-author.xml"] = (3, 0, null),
        ["drdk_kampen-om-historien_danish_UTF8-BOM.xml"] = (125, 0, null),
        ["heraldsun_rss092_no-guid_rfc822-2digit-year-no-colon-time.rss"] = (2, 0, null),
        ["jsonfeed_hologram-radio_40items_podcast-attachments.json"] = (40, 0, null),
        // The spec example carries <podcast:block>yes</podcast:block>: it must be recorded as blocked, never ingested.
        ["podcastindex-namespace_spec-example_transcripts.xml"] = (0, 0, "podcast:block"),
        ["podcasting20_pc20rss_56items_transcripts-application-srt_old-namespace-uri.xml"] = (56, 47, null),
        ["podcastparser_UNDECLARED-itunes-podcast-prefixes_transcript.rss"] = (1, 1, null),
        ["podhome_softwar-audiobook_UTF8-BOM_single-digit-day-dates.xml"] = (15, 0, null),
        ["podverse-test-feed_decimal-seconds-itunes-duration.xml"] = (5, 0, null),
        ["reuters_TRUNCATED-malformed-server-error-comment.xml"] = (0, 0, "not well-formed XML"),
        ["rsscom_talks-by-zen-roshi_122items_transcripts-vtt-extensionless-url.xml"] = (122, 4, null),
        ["sentimental-garbage_138items_LEADING-NEWLINE-before-xml-declaration.xml"] = (138, 0, null),
        ["soundcloud_japanese_single-quoted-xml-declaration.xml"] = (39, 0, null),
        ["spreaker_apostle-joshua-selman_1000items_1.3MB_transcripts-srt-vtt-txt_no-description.xml"] = (1000, 2841, null),
        ["transistor_localfirstfm_28items_transcripts-srt.xml"] = (28, 28, null),
        ["transistor_superheroes-in-heels_33items_transcripts-5-types-per-item.xml"] = (33, 165, null),
        ["uol-noticias_NON-UTF8-undeclared-latin1_portuguese-day-names.rss"] = (15, 0, null),
        // 22 items, but two share usBlues.mp3 and have no guid: by the identity rule they are one episode.
        ["userland_rss092-sample_enclosures_items-without-title-or-guid_BOM.xml"] = (21, 0, null),
    };

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task Every_corpus_feed_ingests_or_records_a_clear_error(DatabaseProvider provider)
    {
        var folder = Path.Combine(RepositoryPaths.RequireCorpus(), "feeds");
        var files = Directory.GetFiles(folder).Select(Path.GetFileName).Order().ToList();
        Assert.Equal(Expected.Keys.Order(), files); // a new corpus file needs a row in the table

        await using var server = await LoopbackHttpServer.StartAsync(async c =>
        {
            var name = Uri.UnescapeDataString(c.Request.Path.Value!.TrimStart('/'));
            c.Response.ContentType = name.EndsWith(".json", StringComparison.Ordinal) ? "application/feed+json" : "application/xml";
            await c.Response.Body.WriteAsync(await File.ReadAllBytesAsync(Path.Combine(folder, name)));
        });
        await using var app = await StartAppAsync(provider);
        var problems = new List<string>();
        foreach (var file in files)
        {
            var id = await AddPodcastRowAsync(app, server.Url("/" + Uri.EscapeDataString(file!)));
            await RefreshAsync(app, id);
            var again = await RefreshAsync(app, id, force: true);
            var podcast = await LoadAsync(app, id);
            var (episodes, links, error) = Expected[file!];
            var actual = (podcast.Episodes.Count, podcast.Episodes.Sum(e => e.TranscriptLinks.Count));
            if (actual != (episodes, links) || again.NewEpisodes != 0)
            {
                problems.Add($"{file}: {actual.Item1} episodes / {actual.Item2} links (expected {episodes} / {links}); second poll added {again.NewEpisodes}; error {podcast.LastError}");
            }
            if (error is null ? podcast.LastError is not null : podcast.LastError?.Contains(error, StringComparison.Ordinal) != true)
            {
                problems.Add($"{file}: last error '{podcast.LastError}', expected {(error is null ? "none" : $"'{error}'")}");
            }
            if (error is null && (podcast.Status != PodcastStatus.Active || string.IsNullOrWhiteSpace(podcast.Title)))
            {
                problems.Add($"{file}: status {podcast.Status}, title '{podcast.Title}'");
            }
        }
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task Awkward_corpus_details_come_out_right(DatabaseProvider provider)
    {
        var folder = Path.Combine(RepositoryPaths.RequireCorpus(), "feeds");
        await using var server = await LoopbackHttpServer.StartAsync(async c =>
            await c.Response.Body.WriteAsync(await File.ReadAllBytesAsync(Path.Combine(folder, Uri.UnescapeDataString(c.Request.Path.Value!.TrimStart('/'))))));
        await using var app = await StartAppAsync(provider);

        async Task<Podcast> Ingest(string file)
        {
            var id = await AddPodcastRowAsync(app, server.Url("/" + Uri.EscapeDataString(file)));
            await RefreshAsync(app, id);
            return await LoadAsync(app, id);
        }

        var uol = await Ingest("uol-noticias_NON-UTF8-undeclared-latin1_portuguese-day-names.rss");
        Assert.Contains(uol.Episodes, e => e.Title!.Contains("simulações", StringComparison.Ordinal));
        Assert.Contains(uol.Episodes, e => e.PublishedAt == new DateTime(2018, 9, 24, 22, 42, 40, DateTimeKind.Utc) && !e.PublishedAtEstimated);

        var podverse = await Ingest("podverse-test-feed_decimal-seconds-itunes-duration.xml");
        Assert.Equal([836, 836, 1015, 1032], podverse.Episodes.Where(e => e.DurationSeconds is not null).Select(e => e.DurationSeconds!.Value).Order());

        var userland = await Ingest("userland_rss092-sample_enclosures_items-without-title-or-guid_BOM.xml");
        Assert.All(userland.Episodes, e => Assert.True(e.PublishedAtEstimated));
        Assert.Equal(userland.Episodes.Count, userland.Episodes.Select(e => e.IdentityKey).Distinct().Count());
        Assert.Contains(userland.Episodes, e => e.IdentityKey == e.EnclosureUrl);

        var drdk = await Ingest("drdk_kampen-om-historien_danish_UTF8-BOM.xml");
        Assert.Contains(drdk.Episodes, e => e.Title!.Contains('ø', StringComparison.Ordinal) || e.Title.Contains('æ', StringComparison.Ordinal) || e.Title.Contains('å', StringComparison.Ordinal));

        var heralds = await Ingest("heraldsun_rss092_no-guid_rfc822-2digit-year-no-colon-time.rss");
        Assert.All(heralds.Episodes, e => Assert.NotNull(e.Link));
    }
}
