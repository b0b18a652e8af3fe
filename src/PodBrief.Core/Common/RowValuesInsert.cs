using System.Text;
using Microsoft.EntityFrameworkCore;
using PodBrief.Core.Data;

namespace PodBrief.Core.Common;

/// <summary>
/// Multi-row <c>INSERT INTO t (…) VALUES (…), (…)</c> without the change tracker: EF Core writes one statement per
/// new row (and SQLite cannot batch them), which made persisting a 1,000-subscriber batch of digests, their 5,000
/// items and 2,000 link tokens the slowest phase of the daily run (issue 13). Rows travel as parameters, chunked
/// far below PostgreSQL's parameter limit; on SQLite the rows travel as one JSON parameter instead (see
/// <see cref="SqliteJsonRows"/>: binding n named parameters costs n² there). Both return the new ids (SQLite 3.35+).
/// </summary>
public static class RowValuesInsert
{
    private const int MaxParameters = 30_000;

    /// <summary>Inserts the rows; nothing returned.</summary>
    /// <param name="table">Table name as mapped, e.g. "DigestItems".</param>
    /// <param name="columns">Column names as mapped, in the order of each row's values.</param>
    /// <param name="rows">One array per row, all as wide as <paramref name="columns"/>; null for SQL NULL.</param>
    public static async Task InsertAsync(
        PodBriefDbContext db, string table, IReadOnlyList<string> columns, IReadOnlyList<object?[]> rows, CancellationToken cancellationToken)
    {
        foreach (var (sql, parameters) in Statements(db, table, columns, rows, returning: null))
        {
#pragma warning disable EF1002 // The SQL is built from fixed names; every value travels as a parameter.
            await db.Database.ExecuteSqlRawAsync(sql, parameters!, cancellationToken);
#pragma warning restore EF1002
        }
    }

    /// <summary>
    /// Inserts the rows and returns each new row's "Id" with the value of <paramref name="keyColumn"/> (a unique
    /// text column the caller chose, such as a Message-ID): the order RETURNING yields rows in is not guaranteed.
    /// </summary>
    public static async Task<Dictionary<string, long>> InsertReturningIdsAsync(
        PodBriefDbContext db, string table, IReadOnlyList<string> columns, IReadOnlyList<object?[]> rows, string keyColumn,
        CancellationToken cancellationToken)
    {
        var ids = new Dictionary<string, long>(rows.Count, StringComparer.Ordinal);
        foreach (var (sql, parameters) in Statements(db, table, columns, rows, $"RETURNING \"Id\", \"{keyColumn}\" AS \"Key\""))
        {
#pragma warning disable EF1002 // As above.
            foreach (var row in await db.Database.SqlQueryRaw<InsertedRow>(sql, parameters!).ToListAsync(cancellationToken))
#pragma warning restore EF1002
            {
                ids[row.Key] = row.Id;
            }
        }
        return ids;
    }

    private static IEnumerable<(string Sql, object?[] Parameters)> Statements(
        PodBriefDbContext db, string table, IReadOnlyList<string> columns, IReadOnlyList<object?[]> rows, string? returning)
    {
        var width = columns.Count;
        var head = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) ";
        var tail = returning is null ? "" : " " + returning;
        if (db.Database.ProviderName == "Microsoft.EntityFrameworkCore.Sqlite")
        {
            var select = head + SqliteJsonRows.Select(width) + tail;
            for (var start = 0; start < rows.Count; start += SqliteJsonRows.RowsPerStatement)
            {
                yield return (select, [SqliteJsonRows.Json(rows, start, Math.Min(SqliteJsonRows.RowsPerStatement, rows.Count - start))]);
            }
            yield break;
        }
        var perChunk = Math.Max(1, MaxParameters / width);
        for (var start = 0; start < rows.Count; start += perChunk)
        {
            var count = Math.Min(perChunk, rows.Count - start);
            var parameters = new object?[count * width];
            var sql = new StringBuilder(head, head.Length + 32 + (count * width * 8)).Append("VALUES ");
            RowValuesSql.AppendRows(sql, parameters, 0, rows, start, count);
            yield return (sql.Append(tail).ToString(), parameters);
        }
    }

    private sealed class InsertedRow
    {
        public long Id { get; set; }
        public string Key { get; set; } = "";
    }
}
