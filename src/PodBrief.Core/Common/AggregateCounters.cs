using Microsoft.EntityFrameworkCore;
using PodBrief.Core.Data;

namespace PodBrief.Core.Common;

/// <summary>
/// Named counters that outlive the rows they count (digests sent, accounts deleted). Incremented with one
/// upsert, never "update, and insert when nothing was updated": on PostgreSQL two first increments of a day
/// both see no row, both insert, and the loser's whole transaction (a delivered digest's outcome with it)
/// rolls back on the unique key (issue 10, defect 4). INSERT … ON CONFLICT DO UPDATE is atomic on PostgreSQL
/// and on SQLite (3.24+), so the same statement serves both.
/// </summary>
public static class AggregateCounters
{
    public static Task IncrementAsync(PodBriefDbContext db, string name, long by, CancellationToken cancellationToken) =>
        by == 0
            ? Task.CompletedTask
            : db.Database.ExecuteSqlInterpolatedAsync(
                $"""INSERT INTO "AggregateCounters" ("Name", "Value") VALUES ({name}, {by}) ON CONFLICT ("Name") DO UPDATE SET "Value" = "AggregateCounters"."Value" + excluded."Value" """,
                cancellationToken);

    public static async Task<long> ValueAsync(PodBriefDbContext db, string name, CancellationToken cancellationToken) =>
        await db.AggregateCounters.AsNoTracking().Where(c => c.Name == name).Select(c => c.Value).FirstOrDefaultAsync(cancellationToken);
}
