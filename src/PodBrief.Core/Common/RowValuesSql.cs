using System.Text;

namespace PodBrief.Core.Common;

/// <summary>
/// The "(…), (…)" row list shared by <see cref="RowValuesInsert"/> (INSERT … VALUES) and <see cref="RowValuesUpdate"/>
/// (UPDATE … FROM (VALUES …)): every value travels as a positional parameter, none is spliced into the SQL.
/// </summary>
internal static class RowValuesSql
{
    /// <summary>
    /// Parameters per statement on SQLite (PostgreSQL sends arrays instead, <see cref="RowValuesArrays"/>). Small on
    /// purpose: Microsoft.Data.Sqlite binds each parameter by name and SQLite finds a name by walking the statement's
    /// parameter list, so binding is quadratic in the parameters of one statement — a 5,000-row insert of 30,000
    /// parameters took seconds to bind (issue 13, the SQLite digest run). Many short statements cost nothing
    /// in-process.
    /// </summary>
    public const int MaxSqliteParameters = 500;

    /// <summary>Appends rows[start..start+count] as placeholders numbered from <paramref name="firstParameter"/>,
    /// filling <paramref name="parameters"/> at the same positions.</summary>
    public static void AppendRows(
        StringBuilder sql, object?[] parameters, int firstParameter, IReadOnlyList<object?[]> rows, int start, int count)
    {
        var p = firstParameter;
        for (var r = 0; r < count; r++)
        {
            var row = rows[start + r];
            sql.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < row.Length; c++)
            {
                // null, not DBNull: EF maps a null value to a typeless NULL parameter, DBNull to nothing.
                parameters[p] = row[c];
                sql.Append(c == 0 ? "{" : ", {").Append(p++).Append('}');
            }
            sql.Append(')');
        }
    }
}
