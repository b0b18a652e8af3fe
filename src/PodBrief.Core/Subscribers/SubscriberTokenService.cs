using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using PodBrief.Core.Common;
using PodBrief.Core.Data;

namespace PodBrief.Core.Subscribers;

/// <summary>
/// Issues and checks the random tokens in subscriber links. The raw token only ever exists in the link;
/// the database holds its SHA-256, so tokens survive restarts and key rotation but not a database leak.
/// </summary>
public sealed class SubscriberTokenService(PodBriefDbContext db, TimeProvider clock)
{
    /// <summary>How long each kind of link keeps working when no lifetime is given.</summary>
    public static TimeSpan? DefaultLifetime(TokenPurpose purpose) => purpose switch
    {
        TokenPurpose.ConfirmSignup => TimeSpan.FromHours(48),
        TokenPurpose.Manage => TimeSpan.FromDays(60),
        TokenPurpose.DigestView => TimeSpan.FromDays(90),
        TokenPurpose.Feedback => TimeSpan.FromDays(60),
        // RFC 8058 links must keep working long after the mail was sent.
        TokenPurpose.Unsubscribe => null,
        // A feed reader polls for years; the subscriber revokes it on the preferences page.
        TokenPurpose.PrivateFeed => null,
        _ => TimeSpan.FromDays(30),
    };

    /// <summary>Creates a token row (added to the context; the caller saves) and returns the raw token for the link.</summary>
    public string Issue(long subscriberId, TokenPurpose purpose, TimeSpan? lifetime = null)
    {
        var raw = NewRawToken();
        var now = clock.GetUtcNow().UtcDateTime;
        var ttl = lifetime ?? DefaultLifetime(purpose);
        db.SubscriberTokens.Add(new SubscriberToken
        {
            SubscriberId = subscriberId,
            Purpose = purpose,
            TokenHash = Hash(raw),
            CreatedAt = now,
            ExpiresAt = ttl is null ? null : now + ttl.Value,
        });
        return raw;
    }

    /// <summary>
    /// Issues one token per request (default lifetimes) and saves them at once in multi-row INSERTs — the digest
    /// run issues two per email, 2,000 per batch, which row by row through EF was a phase of its own (issue 13).
    /// Returns the raw tokens in request order.
    /// </summary>
    public async Task<string[]> IssueManyAsync(IReadOnlyList<(long SubscriberId, TokenPurpose Purpose)> requests, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var raws = new string[requests.Count];
        var rows = new object?[requests.Count][];
        for (var i = 0; i < requests.Count; i++)
        {
            var (subscriberId, purpose) = requests[i];
            raws[i] = NewRawToken();
            var ttl = DefaultLifetime(purpose);
            rows[i] = [subscriberId, purpose.ToString(), Hash(raws[i]), now, ttl is null ? null : now + ttl.Value];
        }
        await RowValuesInsert.InsertAsync(db, "SubscriberTokens",
            [nameof(SubscriberToken.SubscriberId), nameof(SubscriberToken.Purpose), nameof(SubscriberToken.TokenHash), nameof(SubscriberToken.CreatedAt), nameof(SubscriberToken.ExpiresAt)],
            rows, cancellationToken);
        return raws;
    }

    /// <summary>
    /// The subscriber's one long-lived unsubscribe token. Because only hashes are stored, an existing token
    /// cannot be re-read; a new one is issued per email and all of them stay valid.
    /// </summary>
    public string IssueUnsubscribe(long subscriberId) => Issue(subscriberId, TokenPurpose.Unsubscribe);

    /// <summary>Deletes every token of this purpose for the subscriber (revoking a link); returns how many.</summary>
    public Task<int> RevokeAsync(long subscriberId, TokenPurpose purpose, CancellationToken cancellationToken) =>
        db.SubscriberTokens.Where(t => t.SubscriberId == subscriberId && t.Purpose == purpose).ExecuteDeleteAsync(cancellationToken);

    /// <summary>The token row for a raw token of this purpose, if it exists, is unexpired and (for single-use) unused.</summary>
    public async Task<SubscriberToken?> FindValidAsync(string? raw, TokenPurpose purpose, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(raw) || raw.Length > 128)
        {
            return null;
        }
        var hash = Hash(raw);
        var token = await db.SubscriberTokens.FirstOrDefaultAsync(t => t.TokenHash == hash && t.Purpose == purpose, cancellationToken);
        if (token is null)
        {
            return null;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        if (token.ExpiresAt is { } expires && expires <= now)
        {
            return null;
        }
        if (purpose == TokenPurpose.ConfirmSignup && token.UsedAt is not null)
        {
            return null;
        }
        return token;
    }

    public static string Hash(string raw) => Hashing.Sha256Hex(raw);

    /// <summary>32 random bytes, base64url: 256 bits, safe in a URL path segment.</summary>
    public static string NewRawToken() => Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
