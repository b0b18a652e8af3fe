using System.Globalization;
using System.Text;
using PodBrief.Core.Common;
using PodBrief.Core.Feeds.Parsing;
using PodBrief.Testing;

namespace PodBrief.Tests.Feeds;

/// <summary>
/// Guards any change of parser (issue 13 item 3: parsing through CodeHollow.FeedReader): every corpus feed that parses
/// today must keep parsing to the same episodes — identity, title, date, enclosure, transcript links — and every
/// feed refused today stays refused. The expected fingerprints were written by the parser as it was before the
/// switch (PODBRIEF_WRITE_FINGERPRINTS=1 rewrites them; do that only for a change that means to alter episodes).
/// </summary>
public class CorpusEpisodeFingerprintTests
{
    private static readonly string FingerprintFile = Path.Combine(RepositoryPaths.Root, "tests", "PodBrief.Tests", "Feeds", "corpus-episode-fingerprints.tsv");

    internal static string Fingerprint(byte[] bytes)
    {
        ParsedFeed feed;
        try
        {
            feed = FeedParser.Parse(bytes, cancellationToken: TestContext.Current.CancellationToken);
        }
        catch (FeedParseException)
        {
            return "refused";
        }
        var lines = new StringBuilder();
        foreach (var e in feed.Episodes)
        {
            lines.Append(e.Guid).Append('|').Append(e.Title).Append('|')
                .Append(e.PublishedAt?.ToString("O", CultureInfo.InvariantCulture)).Append('|')
                .Append(e.EnclosureUrl).Append('|').Append(e.EnclosureType).Append('|').Append(e.EnclosureLength).Append('|')
                .Append(e.DurationSeconds).Append('|').Append(e.Link).Append('|');
            foreach (var t in e.Transcripts)
            {
                lines.Append(t.Url).Append(' ').Append(t.MediaType).Append(' ').Append(t.Language).Append(' ').Append(t.Rel).Append(';');
            }
            lines.Append('\n');
        }
        return $"{feed.Episodes.Count}\t{Hashing.Sha256Hex(lines.ToString())}";
    }

    private static IEnumerable<FileInfo> CorpusFeeds() =>
        new DirectoryInfo(Path.Combine(RepositoryPaths.RequireCorpus(), "feeds")).GetFiles()
            .Where(f => f.Extension is ".xml" or ".rss" or ".json" or ".atom").OrderBy(f => f.Name, StringComparer.Ordinal);

    [Fact]
    public void Every_corpus_feed_parses_to_the_episodes_it_parsed_to_before()
    {
        var actual = CorpusFeeds().ToDictionary(f => f.Name, f => Fingerprint(File.ReadAllBytes(f.FullName)));
        if (Environment.GetEnvironmentVariable("PODBRIEF_WRITE_FINGERPRINTS") == "1")
        {
            File.WriteAllLines(FingerprintFile, actual.Select(kv => $"{kv.Key}\t{kv.Value}"));
        }
        var expected = File.ReadAllLines(FingerprintFile).Select(l => l.Split('\t', 2)).ToDictionary(p => p[0], p => p[1]);
        var differences = actual.Where(kv => !expected.TryGetValue(kv.Key, out var e) || e != kv.Value)
            .Select(kv => $"{kv.Key}: expected {expected.GetValueOrDefault(kv.Key) ?? "(not listed)"}, got {kv.Value}").ToList();
        Assert.True(differences.Count == 0, string.Join("\n", differences));
    }
}
