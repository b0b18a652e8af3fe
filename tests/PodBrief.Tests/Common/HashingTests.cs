using System.Text;
using PodBrief.Core.Common;

namespace PodBrief.Tests.Common;

/// <summary>The content fingerprint decides whether a refetched feed is parsed again (Podcast.ContentHash).</summary>
public class HashingTests
{
    private static readonly byte[] Feed = Encoding.UTF8.GetBytes(
        "<rss version=\"2.0\"><channel><title>Show</title><item><guid>ep-1</guid><title>One</title></item></channel></rss>");

    [Fact]
    public void The_same_bytes_have_the_same_fingerprint_and_one_changed_byte_does_not()
    {
        var changed = (byte[])Feed.Clone();
        changed[Array.IndexOf(changed, (byte)'O')] = (byte)'o'; // same length, one letter of the item's title
        Assert.Equal(Hashing.ContentFingerprint(Feed), Hashing.ContentFingerprint((byte[])Feed.Clone()));
        Assert.NotEqual(Hashing.ContentFingerprint(Feed), Hashing.ContentFingerprint(changed));
        Assert.NotEqual(Hashing.ContentFingerprint(Feed), Hashing.ContentFingerprint(Feed.AsSpan(0, Feed.Length - 1)));
    }

    [Fact]
    public void A_fingerprint_fits_the_column_and_never_equals_a_stored_sha256()
    {
        var fingerprint = Hashing.ContentFingerprint(Feed);
        Assert.StartsWith("xxh128:", fingerprint, StringComparison.Ordinal);
        Assert.InRange(fingerprint.Length, 1, 64); // Podcast.ContentHash is varchar(64)
        Assert.NotEqual(Hashing.Sha256Hex(Feed), fingerprint);
    }
}
