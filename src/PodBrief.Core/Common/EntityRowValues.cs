using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace PodBrief.Core.Common;

/// <summary>
/// The table, columns and row values of new entities for <see cref="RowValuesInsert"/>, read from the EF model rather
/// than listed by hand: every mapped column except generated ones (the identity key), each value through the
/// property's converter (enums as strings, DateTime as UTC) exactly as SaveChanges would write it. A column the
/// model gains later is therefore written too, instead of silently left NULL.
/// </summary>
public sealed class EntityRowValues<T>
    where T : class
{
    private readonly IProperty[] _properties;

    // Looked up once rather than once per value: a first ingest of 1,000 episodes reads 37,000 values (issue 13).
    private readonly IClrPropertyGetter[] _getters;
    private readonly ValueConverter?[] _converters;

    public EntityRowValues(DbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        Table = entity.GetTableName() ?? throw new InvalidOperationException($"{typeof(T).Name} has no table.");
        var table = StoreObjectIdentifier.Table(Table, entity.GetSchema());
        _properties = [.. entity.GetProperties().Where(p => p.ValueGenerated == ValueGenerated.Never)];
        Columns = [.. _properties.Select(p => p.GetColumnName(table) ?? p.Name)];
        _getters = [.. _properties.Select(p => p.GetGetter())];
        _converters = [.. _properties.Select(p => p.GetTypeMapping().Converter)];
    }

    public string Table { get; }

    public IReadOnlyList<string> Columns { get; }

    public object?[] Row(T entity)
    {
        var values = new object?[_properties.Length];
        for (var i = 0; i < _properties.Length; i++)
        {
            var value = _getters[i].GetClrValue(entity);
            values[i] = value is null ? null : _converters[i]?.ConvertToProvider(value) ?? value;
        }
        return values;
    }

    public List<object?[]> Rows(IEnumerable<T> entities) => [.. entities.Select(Row)];
}
