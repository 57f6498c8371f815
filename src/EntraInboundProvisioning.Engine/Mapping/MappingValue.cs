namespace EntraInboundProvisioning.Engine.Mapping;

/// <summary>
/// What a mapping key says, before it is checked against the schemas: the neutral form of a CSV2SCIM
/// AttributeMapping value, which the module builds from a hashtable or a .psd1 file.
/// </summary>
public abstract record MappingValue;

/// <summary>A string: the column or property of that name.</summary>
public sealed record ColumnMappingValue(string Column) : MappingValue;

/// <summary>
/// A computed value (a scriptblock in PowerShell), with the columns it is known to read (such as $_.Name), which
/// are checked against the input like the columns of plain mappings.
/// </summary>
public sealed record ComputedMappingValue(IValueSource Source, IReadOnlyList<string>? Columns = null, IReadOnlyList<string>? DefensiveColumns = null) : MappingValue;

/// <summary>A nested hashtable: a complex attribute or an extension.</summary>
public sealed record ComplexMappingValue(IReadOnlyList<KeyValuePair<string, MappingValue>> Members) : MappingValue;

/// <summary>An array: a multi-valued attribute.</summary>
public sealed record ArrayMappingValue(IReadOnlyList<MappingValue> Items) : MappingValue;
