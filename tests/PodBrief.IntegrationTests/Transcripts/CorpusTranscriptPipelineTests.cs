using Microsoft.EntityFrameworkCore;
using PodBrief.Core.Data;
using PodBrief.Core.Transcripts;
using PodBrief.Testing;
using static PodBrief.IntegrationTests.Transcripts.TranscriptTestData;

namespace PodBrief.IntegrationTests.Transcripts;

/// <summary>
/// Every corpus transcript through the real pipeline: served from loopback at an extensionless URL (so the
/// feed's type attribute has to decide), fetched, decoded, parsed and stored on each database.
/// </summary>
public class CorpusTranscriptPipelineTests
{
    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task Every_corpus_transcript_is_fetched_parsed_and_stored(DatabaseProvider provider)
    {
        var folder = Path.Combine(RepositoryPaths.RequireCorpus(), "transcripts");
        var files = Directory.GetFiles(folder).Order().ToArray();
        await using var server = await LoopbackHttpServer.StartAsync(async context =>
        {
            // /t/<index>/transcript, served as octet-stream: only the feed's type and the content say what it is.
            var index = int.Parse(context.Request.Path.Value!.Split('/')[2], System.Globalization.CultureInfo.InvariantCulture);
            context.Response.ContentType = "application/octet-stream";
            await context.Response.Body.WriteAsync(await File.ReadAllBytesAsync(files[index]));
        });
        await using var app = await TestApp.StartAsync(provider, Settings());
        var expected = CorpusTypes();
        var ids = new List<long>();
        for (var i = 0; i < files.Length; i++)
        {
            var type = expected[Path.GetExtension(files[i])];
            ids.Add(await AddEpisodeAsync(app, TimeSpan.FromDays(1), null, Link(server, $"t/{i}/transcript", type)));
        }

        foreach (var id in ids)
        {
            await RunJobAsync(app, id);
        }

        await using var db = app.CreateDbContext();
        var rows = await db.Episodes.Include(e => e.Transcript).AsNoTracking()
            .Where(e => ids.Contains(e.Id)).OrderBy(e => e.Id).ToListAsync(TestContext.Current.CancellationToken);
        for (var i = 0; i < files.Length; i++)
        {
            var file = Path.GetFileName(files[i]);
            Assert.True(rows[i].TranscriptStatus == TranscriptStatus.Available, $"{file}: {rows[i].TranscriptStatus} {rows[i].TranscriptLastError}");
            var transcript = rows[i].Transcript!;
            var parsed = TranscriptParser.Parse(await File.ReadAllBytesAsync(files[i], TestContext.Current.CancellationToken), TranscriptFormats.FromUrl(file));
            Assert.Equal(parsed.Segments.Count, transcript.SegmentCount);
            Assert.Equal(parsed.Format, transcript.SourceFormat);
            Assert.Equal(TranscriptHash.Of(parsed.ToPlainText()), transcript.ContentHash);
            Assert.Equal(parsed.Segments.Count, TranscriptSegmentsJson.Deserialize(transcript.SegmentsJson).Count);
        }
    }

    private static Dictionary<string, string> CorpusTypes() => new()
    {
        [".vtt"] = "text/vtt",
        [".srt"] = "application/srt",
        [".json"] = "application/json",
        [".html"] = "text/html",
        [".txt"] = "text/plain",
    };
}
