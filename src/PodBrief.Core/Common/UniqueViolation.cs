using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace PodBrief.Core.Common;

/// <summary>
/// The one test for "another writer inserted the same unique key first" — the only database error that is a
/// harmless race. Anything else (a NOT NULL, a foreign key, a full disk, a dropped connection) must surface.
/// </summary>
public static class UniqueViolation
{
    /// <summary>
    /// PostgreSQL SQLSTATE 23505 (unique_violation); SQLite SQLITE_CONSTRAINT (19) on a UNIQUE or PRIMARY KEY.
    /// SqliteException keeps 19 in SqliteErrorCode (its DbException.ErrorCode is the HRESULT), and Core does not
    /// reference the SQLite provider, so the code is read from its fixed message prefix as well.
    /// </summary>
    public static bool IsUniqueViolation(this DbUpdateException ex) => ex.InnerException is DbException db && db.IsUniqueViolation();

    /// <summary>The same for raw SQL (<see cref="RowValuesInsert"/>), where the provider's exception arrives unwrapped.</summary>
    public static bool IsUniqueViolation(this DbException db) =>
        db.SqlState == "23505"
        || ((db.ErrorCode == 19 || db.Message.StartsWith("SQLite Error 19:", StringComparison.Ordinal))
            && (db.Message.Contains("UNIQUE", StringComparison.OrdinalIgnoreCase)
                || db.Message.Contains("PRIMARY KEY", StringComparison.OrdinalIgnoreCase)));
}
