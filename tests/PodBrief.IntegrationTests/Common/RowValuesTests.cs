using Microsoft.EntityFrameworkCore;
using PodBrief.Core.Common;
using PodBrief.Core.Data;
using PodBrief.Testing;

namespace PodBrief.IntegrationTests.Common;

/// <summary>
/// The multi-row writers the digest run persists with (VALUES lists on SQLite, one array per column on PostgreSQL):
/// every row lands with its own values, NULLs included — a column with some NULLs, a column that is all NULL —
/// and the ids come back matched to the rows.
/// </summary>
public class RowValuesTests
{
    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task Rows_are_inserted_and_updated_with_their_own_values_and_nulls(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider);
        var created = new DateTime(2026, 3, 2, 12, 0, 0, DateTimeKind.Utc);
        await using var db = database.CreateContext();
        var subscribers = Enumerable.Range(0, 3).Select(i => new Subscriber
        {
            Email = $"r{i}@example.com",
            EmailNormalized = $"r{i}@example.com",
            CreatedAt = created,
        }).ToList();
        db.Subscribers.AddRange(subscribers);
        await db.SaveChangesAsync(ct);

        // LastError all NULL (no type to infer from the values), ScheduledFor a timestamp, LocalDate a date.
        var rows = subscribers.Select((s, i) => new object?[]
        {
            s.Id, new DateOnly(2026, 3, 2 + i), created.AddHours(i), "Pending", $"<m{i}@test>", i, created, null,
        }).ToList();
        var ids = await RowValuesInsert.InsertReturningIdsAsync(db, "Digests",
            ["SubscriberId", "LocalDate", "ScheduledFor", "State", "MessageId", "Attempts", "CreatedAt", "LastError"],
            rows, "MessageId", ct);
        Assert.Equal(3, ids.Count);

        // ExpiresAt NULL for one row only: a value-type column with a NULL in it.
        await RowValuesInsert.InsertAsync(db, "SubscriberTokens", ["SubscriberId", "Purpose", "TokenHash", "CreatedAt", "ExpiresAt"],
            [.. subscribers.Select((s, i) => new object?[] { s.Id, "Manage", $"hash-{i}", created, i == 1 ? null : created.AddDays(i + 1) })], ct);

        var updated = await RowValuesUpdate.UpdateReturningIdsAsync(db, "Digests",
            set: "\"Subject\" = v.column2, \"Attempts\" = v.column3, \"State\" = {c0}",
            where: "t.\"Id\" = v.column1 AND t.\"State\" = {c1}",
            [[ids["<m0@test>"], "First", 7], [ids["<m2@test>"], "Third", 9], [-1L, "Nobody", 1]],
            ["Sent", "Pending"], ct);
        Assert.Equal([ids["<m0@test>"], ids["<m2@test>"]], updated.Order());

        db.ChangeTracker.Clear();
        var digests = await db.Digests.AsNoTracking().OrderBy(d => d.Id).ToListAsync(ct);
        Assert.Equal(["<m0@test>", "<m1@test>", "<m2@test>"], digests.Select(d => d.MessageId));
        Assert.Equal(digests.Select(d => d.Id), digests.Select(d => ids[d.MessageId]));
        Assert.Equal([new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 3), new DateOnly(2026, 3, 4)], digests.Select(d => d.LocalDate));
        Assert.Equal([created, created.AddHours(1), created.AddHours(2)], digests.Select(d => d.ScheduledFor));
        Assert.All(digests, d => Assert.Null(d.LastError));
        Assert.Equal(["First", null, "Third"], digests.Select(d => d.Subject));
        Assert.Equal([7, 1, 9], digests.Select(d => d.Attempts));
        Assert.Equal([DigestState.Sent, DigestState.Pending, DigestState.Sent], digests.Select(d => d.State));

        var tokens = await db.SubscriberTokens.AsNoTracking().OrderBy(t => t.TokenHash).ToListAsync(ct);
        Assert.Equal([created.AddDays(1), (DateTime?)null, created.AddDays(3)], tokens.Select(t => t.ExpiresAt));
        Assert.Equal(subscribers.Select(s => s.Id), tokens.Select(t => t.SubscriberId));
    }
}
