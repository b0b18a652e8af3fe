using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace PodBrief.Core.Common;

/// <summary>Recognizes "a unique index said no" on both providers, for the insert-then-read-the-winner pattern.</summary>
public static class UniqueViolation
{
    /// <summary>PostgreSQL 23505, SQLite SQLITE_CONSTRAINT (19) on a UNIQUE index.</summary>
    public static bool Is(DbUpdateException ex) =>
        ex.InnerException is DbException db
        && (db.SqlState == "23505" || (db.ErrorCode == 19 && db.Message.Contains("UNIQUE", StringComparison.OrdinalIgnoreCase)));
}
