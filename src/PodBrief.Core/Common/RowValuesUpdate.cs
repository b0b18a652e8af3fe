using System.Text;
using Microsoft.EntityFrameworkCore;
using PodBrief.Core.Data;

namespace PodBrief.Core.Common;

/// <summary>
/// One UPDATE that gives each row its own values: <c>UPDATE t SET … FROM (VALUES (…), (…)) AS v WHERE …</c>, with the
/// VALUES columns named column1, column2, … (the default name on PostgreSQL and on SQLite 3.33+). This is what
/// lets the digest run write 1,000 claims, profiles or outcomes in one round trip instead of 1,000 (issue 13).
/// Rows are sent as parameters, chunked to stay far below either provider's parameter limit; on PostgreSQL the row
/// list is one array per column instead (<see cref="RowValuesArrays"/>), named the same way.
/// </summary>
public static class RowValuesUpdate
{
    private const int MaxParameters = RowValuesSql.MaxSqliteParameters;

    /// <param name="table">Table name as mapped, e.g. "Digests"; aliased <c>t</c>.</param>
    /// <param name="set">SET clause over <c>v.columnN</c>, e.g. <c>"Subject" = v.column2</c> (no table prefix on the left).</param>
    /// <param name="where">Condition joining <c>t</c> and <c>v</c>, e.g. <c>t."Id" = v.column1</c>.</param>
    /// <param name="rows">One array per row, all the same width.</param>
    /// <param name="constants">Further parameters, referenced in <paramref name="set"/>/<paramref name="where"/> as {c0}, {c1}, ….</param>
    /// <returns>The ids of the rows updated (RETURNING names the column unqualified: SQLite allows nothing else).</returns>
    public static async Task<List<long>> UpdateReturningIdsAsync(
        PodBriefDbContext db, string table, string set, string where, IReadOnlyList<object[]> rows, object[] constants,
        CancellationToken cancellationToken)
    {
        var updated = new List<long>(rows.Count);
        if (rows.Count == 0)
        {
            return updated;
        }
        var width = rows[0].Length;
        if (RowValuesArrays.Applies(db))
        {
            var parameters = new List<object>(constants);
            var unnest = RowValuesArrays.Unnest(db, [.. rows.Select(r => (object?[])r)], width, constants.Length, parameters);
            var statement = $"UPDATE \"{table}\" AS t SET {Constants(set, constants.Length)} FROM {unnest} WHERE {Constants(where, constants.Length)} RETURNING \"Id\" AS \"Value\"";
#pragma warning disable EF1002 // As below: fixed fragments, values as parameters.
            return await db.Database.SqlQueryRaw<long>(statement, [.. parameters]).ToListAsync(cancellationToken);
#pragma warning restore EF1002
        }
        var perChunk = Math.Max(1, (MaxParameters - constants.Length) / width);
        for (var start = 0; start < rows.Count; start += perChunk)
        {
            var count = Math.Min(perChunk, rows.Count - start);
            var parameters = new object[constants.Length + (count * width)];
            constants.CopyTo(parameters, 0);
            var sql = new StringBuilder(64 + (count * width * 6));
            sql.Append("UPDATE \"").Append(table).Append("\" AS t SET ").Append(Constants(set, constants.Length))
                .Append(" FROM (VALUES ");
            RowValuesSql.AppendRows(sql, parameters, constants.Length, rows, start, count);
            sql.Append(") AS v WHERE ").Append(Constants(where, constants.Length)).Append(" RETURNING \"Id\" AS \"Value\"");
#pragma warning disable EF1002 // The SQL is built from fixed fragments; every value travels as a parameter.
            updated.AddRange(await db.Database.SqlQueryRaw<long>(sql.ToString(), parameters).ToListAsync(cancellationToken));
#pragma warning restore EF1002
        }
        return updated;
    }

    /// <summary>{c0}, {c1}, … become the positional placeholders {0}, {1}, … of the constants.</summary>
    private static string Constants(string fragment, int count)
    {
        for (var i = 0; i < count; i++)
        {
            fragment = fragment.Replace("{c" + i + "}", "{" + i + "}", StringComparison.Ordinal);
        }
        return fragment;
    }
}
