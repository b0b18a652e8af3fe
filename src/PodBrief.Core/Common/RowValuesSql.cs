using System.Text;

namespace PodBrief.Core.Common;

/// <summary>
/// The "(…), (…)" row list shared by <see cref="RowValuesInsert"/> (INSERT … VALUES) and <see cref="RowValuesUpdate"/>
/// (UPDATE … FROM (VALUES …)): every value travels as a positional parameter, none is spliced into the SQL.
/// </summary>
internal static class RowValuesSql
{
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
