using System.Text;
using Microsoft.EntityFrameworkCore;
using PodBrief.Core.Data;

namespace PodBrief.Core.Common;

/// <summary>
/// Multi-row <c>INSERT INTO t (…) VALUES (…), (…)</c> without the change tracker: EF Core writes one statement per
/// new row (and SQLite cannot batch them), which made persisting a 1,000-subscriber batch of digests, their 5,000
/// items and 2,000 link tokens the slowest phase of the daily run (issue 13). Rows travel as parameters, chunked
/// far below either provider's parameter limit: on PostgreSQL as one array per column (<see cref="RowValuesArrays"/>),
/// on SQLite as one JSON parameter (<see cref="SqliteJsonRows"/>: binding n named parameters costs n² there); both
/// PostgreSQL and SQLite 3.35+ return the new ids.
/// </summary>
public static class RowValuesInsert
{
    private const int MaxParameters = RowValuesSql.MaxSqliteParameters;

    /// <summary>Rows per statement on PostgreSQL, where each column is one array parameter (<see cref="RowValuesArrays"/>).</summary>
    private const int ArrayChunk = 10_000;

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
        if (RowValuesArrays.Applies(db))
        {
            for (var start = 0; start < rows.Count; start += ArrayChunk)
            {
                var chunk = rows.Skip(start).Take(ArrayChunk).ToList();
                var parameters = new List<object>(width);
                var unnest = RowValuesArrays.Unnest(db, chunk, width, 0, parameters, table, columns);
                yield return ($"{head}SELECT * FROM {unnest}{(returning is null ? "" : " " + returning)}", [.. parameters]);
            }
            yield break;
        }
        if (SqliteJsonRows.Applies(db))
        {
            var select = $"{head}{SqliteJsonRows.Select(width)}{(returning is null ? "" : " " + returning)}";
            for (var start = 0; start < rows.Count; start += SqliteJsonRows.RowsPerStatement)
            {
                yield return (select, [SqliteJsonRows.Json(rows, start, Math.Min(SqliteJsonRows.RowsPerStatement, rows.Count - start))]);
            }
            yield break;
        }
        head += "VALUES ";
        var perChunk = Math.Max(1, MaxParameters / width);
        for (var start = 0; start < rows.Count; start += perChunk)
        {
            var count = Math.Min(perChunk, rows.Count - start);
            var parameters = new object?[count * width];
            var sql = new StringBuilder(head, head.Length + 32 + (count * width * 8));
            RowValuesSql.AppendRows(sql, parameters, 0, rows, start, count);
            if (returning is not null)
            {
                sql.Append(' ').Append(returning);
            }
            yield return (sql.ToString(), parameters);
        }
    }

    private sealed class InsertedRow
    {
        public long Id { get; set; }
        public string Key { get; set; } = "";
    }
}
