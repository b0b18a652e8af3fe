using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using PodBrief.Core.Data;

namespace PodBrief.Core.Common;

/// <summary>
/// PostgreSQL's form of a row list: one typed array parameter per column, <c>unnest($1::bigint[], $2::text[], …) AS
/// v(column1, column2, …)</c>, in place of <c>VALUES</c> with a parameter per value. A 5,000-row VALUES list is
/// 30,000 parameters for Npgsql to bind and the server to parse and plan afresh for every row count; the arrays are
/// a handful of parameters and one cached plan, and the planner's estimate for unnest keeps the join on the
/// target's primary key an index lookup rather than a hash over the whole table (issue 13: persisting and
/// marking a batch were the slowest phases at 100,000 subscribers). SQLite keeps VALUES: it binds in-process.
/// </summary>
internal static class RowValuesArrays
{
    private const string NpgsqlProvider = "Npgsql.EntityFrameworkCore.PostgreSQL";

    private static readonly ConcurrentDictionary<(string Table, string Column), string> StoreTypes = new();

    public static bool Applies(PodBriefDbContext db) => db.Database.ProviderName == NpgsqlProvider;

    /// <summary>
    /// "unnest({first}::type[], …) AS v(column1, …)" and its array parameters (placed at
    /// <paramref name="firstParameter"/>…). A column's type is the mapped store type when <paramref name="table"/> and
    /// <paramref name="columns"/> are known, else the type of its values.
    /// </summary>
    public static string Unnest(
        PodBriefDbContext db, IReadOnlyList<object?[]> rows, int width, int firstParameter, List<object> parameters,
        string? table = null, IReadOnlyList<string>? columns = null)
    {
        var arrays = new List<string>(width);
        for (var c = 0; c < width; c++)
        {
            var storeType = table is not null && columns is not null ? StoreType(db, table, columns[c]) : null;
            var (array, inferred) = ColumnArray(rows, c);
            storeType ??= inferred ?? throw new InvalidOperationException($"Column {c + 1} of the row list is all NULL and has no mapped type.");
            parameters.Add(array);
            arrays.Add($"{{{firstParameter + c}}}::{storeType}[]");
        }
        return $"unnest({string.Join(", ", arrays)}) AS v({string.Join(", ", Enumerable.Range(1, width).Select(i => $"column{i}"))})";
    }

    /// <summary>The column's values as a typed array (T[] or T?[] when a value type has NULLs) and the SQL type of T.</summary>
    private static (Array Array, string? SqlType) ColumnArray(IReadOnlyList<object?[]> rows, int c)
    {
        var type = rows.Select(r => r[c]?.GetType()).FirstOrDefault(t => t is not null);
        if (type is null)
        {
            return (new string?[rows.Count], null);
        }
        var hasNull = rows.Any(r => r[c] is null);
        var element = type.IsValueType && hasNull ? typeof(Nullable<>).MakeGenericType(type) : type;
        var array = Array.CreateInstance(element, rows.Count);
        for (var r = 0; r < rows.Count; r++)
        {
            array.SetValue(rows[r][c], r);
        }
        return (array, SqlType(type));
    }

    private static string? SqlType(Type type) =>
        type == typeof(long) ? "bigint"
        : type == typeof(int) ? "integer"
        : type == typeof(short) ? "smallint"
        : type == typeof(string) ? "text"
        : type == typeof(DateTime) ? "timestamp with time zone"
        : type == typeof(DateOnly) ? "date"
        : type == typeof(double) ? "double precision"
        : type == typeof(float) ? "real"
        : type == typeof(bool) ? "boolean"
        : type == typeof(byte[]) ? "bytea"
        : type == typeof(Guid) ? "uuid"
        : null;

    private static string? StoreType(PodBriefDbContext db, string table, string column) =>
        StoreTypes.GetOrAdd((table, column), key => db.Model.GetEntityTypes()
            .Where(e => e.GetTableName() == key.Table)
            .SelectMany(e => e.GetProperties())
            .FirstOrDefault(p => p.GetColumnName() == key.Column)?.GetColumnType()
            ?? throw new InvalidOperationException($"No mapped column {key.Table}.{key.Column}."));
}
