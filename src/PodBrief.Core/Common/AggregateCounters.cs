using Microsoft.EntityFrameworkCore;
using PodBrief.Core.Data;

namespace PodBrief.Core.Common;

/// <summary>
/// Named totals that outlive the rows they count (digests sent, accounts deleted): one place that bumps them, so
/// every stage counts the same way. Runs inside the caller's transaction.
/// </summary>
public static class AggregateCounters
{
    public static async Task IncrementAsync(PodBriefDbContext db, string name, CancellationToken cancellationToken)
    {
        var updated = await db.AggregateCounters.Where(c => c.Name == name)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Value, c => c.Value + 1), cancellationToken);
        if (updated == 0)
        {
            db.AggregateCounters.Add(new AggregateCounter { Name = name, Value = 1 });
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
