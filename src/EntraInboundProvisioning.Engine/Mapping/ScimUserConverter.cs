using System.Buffers;
using System.Collections;
using System.Globalization;
using System.Text.Json;
using EntraInboundProvisioning.Engine.Scim;

namespace EntraInboundProvisioning.Engine.Mapping;

/// <summary>
/// Turns records into SCIM users with a checked mapping. Keeps the externalIds of the run, so that a second record
/// with an externalId already seen is rejected with the line of the first.
/// </summary>
public sealed class ScimUserConverter
{
    // A marker for "send this attribute as null", which -IncludeEmpty asks for.
    private static readonly object ExplicitNull = new();

    private readonly ScimMapping _mapping;
    private readonly bool _includeEmpty;
    private readonly TimeZoneInfo _timeZone;
    private readonly SeenExternalIds _seen = new();
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly Utf8JsonWriter _writer;
    private object? _customShape;
    private List<string>? _customColumns;
    private string? _currentKey;

    /// <param name="timeZone">The time zone of [datetime] values not marked UTC; UTC when not given.</param>
    public ScimUserConverter(ScimMapping mapping, bool includeEmpty = false, TimeZoneInfo? timeZone = null)
    {
        _mapping = mapping;
        _includeEmpty = includeEmpty;
        _timeZone = timeZone ?? TimeZoneInfo.Utc;
        _writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    public ScimMapping Mapping => _mapping;

    public ScimConversionResult Convert(IWorkerRecord record)
    {
        List<KeyValuePair<string, object>> core;
        List<(string Urn, List<KeyValuePair<string, object>> Values)> extensions;
        List<(string Column, string? Value)>? customColumns;
        try
        {
            core = ResolveMembers(_mapping.Core, record);
            extensions = _mapping.Extensions.Select(e => (e.Urn, ResolveMembers(e.Attributes, record))).ToList();
            customColumns = _mapping.CustomNamespace is { } custom ? ResolveCustomColumns(custom, record) : null;
        }
        catch (ScimValueException ex)
        {
            return Fail(ScimRecordFaultKind.InvalidValue, record, ex, _currentKey!);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return Fail(ScimRecordFaultKind.ValueFailed, record, ex, _currentKey!);
        }

        string? externalId = Find(core, "externalId") as string;
        if (string.IsNullOrWhiteSpace(externalId))
        {
            return new ScimConversionResult(null, new ScimRecordFault(ScimRecordFaultKind.MissingExternalId, "externalId", externalId,
                record.SourceFile, record.LineNumber,
                $"{Where(record)}the record has no externalId, which Entra matches to employeeId. " +
                (_mapping.Core.Any(a => a.Attribute.Name == "externalId")
                    ? "Fill the column in the source, or skip such records before ConvertTo-ScimUser."
                    : "Map externalId to the worker's ID column, such as externalId = 'WorkerID'.")));
        }
        if (!_seen.TryAdd(externalId, record.SourceFile, record.LineNumber, out (string? File, long Line) first))
        {
            string firstWhere = first.File is null ? "an earlier record" : $"{first.File}:{first.Line}";
            return new ScimConversionResult(null, new ScimRecordFault(ScimRecordFaultKind.DuplicateExternalId, "externalId", externalId,
                record.SourceFile, record.LineNumber,
                $"{Where(record)}externalId '{externalId}' was already used by {firstWhere}; this record is not sent. " +
                "Each worker must have a unique ID: correct the source, or keep one record per ID."));
        }

        byte[] json = Write(core, extensions, customColumns);
        object? manager = extensions.FirstOrDefault(e => e.Urn == ScimSchemas.EnterpriseUserUrn).Values is { } enterprise
            && Find(enterprise, "manager") is List<KeyValuePair<string, object>> managerValues ? Find(managerValues, "value") : null;
        return new ScimConversionResult(new ScimUser(externalId, json,
            Find(core, "userName") as string, Find(core, "displayName") as string, Find(core, "active") as bool?, manager as string,
            record.SourceFile, record.LineNumber), null);
    }

    private ScimConversionResult Fail(ScimRecordFaultKind kind, IWorkerRecord record, Exception ex, string key)
    {
        string? value = ex.Data["Value"] as string;
        string what = kind == ScimRecordFaultKind.InvalidValue
            ? $"mapping key '{key}' got the value '{value}', which cannot be used: {ex.Message}."
            : $"mapping key '{key}' failed: {ex.Message}";
        return new ScimConversionResult(null, new ScimRecordFault(kind, key, value, record.SourceFile, record.LineNumber,
            $"{Where(record)}{what} The record is not sent; correct the value or the mapping."));
    }

    private static string Where(IWorkerRecord record) => record.SourceFile is null ? string.Empty : $"{record.SourceFile}:{record.LineNumber}: ";

    private static object? Find(List<KeyValuePair<string, object>> values, string name)
    {
        foreach (KeyValuePair<string, object> pair in values)
        {
            if (pair.Key == name)
            {
                return ReferenceEquals(pair.Value, ExplicitNull) ? null : pair.Value;
            }
        }
        return null;
    }

    private List<KeyValuePair<string, object>> ResolveMembers(IReadOnlyList<MappedAttribute> attributes, IWorkerRecord record)
    {
        var values = new List<KeyValuePair<string, object>>(attributes.Count);
        foreach (MappedAttribute attribute in attributes)
        {
            if (Resolve(attribute, record) is { } value)
            {
                values.Add(new(attribute.Attribute.Name, value));
            }
        }
        return values;
    }

    /// <param name="element">Whether the attribute is one element of a multi-valued attribute.</param>
    private object? Resolve(MappedAttribute attribute, IWorkerRecord record, bool element = false)
    {
        if (attribute.Getter is { } getter)
        {
            _currentKey = attribute.Key;
            object? raw = getter.Get(record);
            if (attribute.Attribute.IsComplex)
            {
                return ResolveComputedComplex(attribute, raw, several: element || attribute.Attribute.MultiValued);
            }
            return ConvertValue(attribute.Attribute, raw) ?? (_includeEmpty ? ExplicitNull : null);
        }
        if (attribute.Members is { } members)
        {
            List<KeyValuePair<string, object>> resolved = ResolveMembers(members, record);
            return resolved.Any(v => !ReferenceEquals(v.Value, ExplicitNull)) ? resolved : null;
        }
        var items = new List<object>();
        foreach (MappedAttribute item in attribute.Items!)
        {
            object? value = Resolve(item, record, element: true);
            if (value is List<object> several)
            {
                items.AddRange(several);
            }
            else if (value is not null && !ReferenceEquals(value, ExplicitNull))
            {
                items.Add(value);
            }
        }
        return items.Count > 0 ? items : (_includeEmpty ? ExplicitNull : null);
    }

    private object? ConvertValue(ScimAttribute attribute, object? raw)
    {
        try
        {
            return ScimValueConverter.Convert(attribute, raw, _timeZone);
        }
        catch (ScimValueException ex)
        {
            ex.Data["Value"] = raw is null ? null : System.Convert.ToString(raw, CultureInfo.InvariantCulture);
            throw;
        }
    }

    // What a scriptblock returned for a complex attribute, as CSV2SCIM takes it: a hashtable of sub-attributes, or
    // (where several may stand) any number of them, given as a List<object>.
    private object? ResolveComputedComplex(MappedAttribute attribute, object? raw, bool several)
    {
        IEnumerable<object?> returned = raw switch
        {
            null => [],
            IDictionary dictionary => [dictionary],
            IEnumerable sequence and not string => sequence.Cast<object?>(),
            _ => [raw],
        };
        var values = new List<object>();
        foreach (object? one in returned)
        {
            if (one is null)
            {
                continue;
            }
            if (one is not IDictionary dictionary)
            {
                throw new ScimValueException($"a {one.GetType().Name} is not a complex value: return a hashtable of its sub-attributes " +
                    $"({string.Join(", ", attribute.Attribute.SubAttributes.Select(s => s.Name))})") { Data = { ["Value"] = System.Convert.ToString(one, CultureInfo.InvariantCulture) } };
            }
            if (ResolveSubAttributes(attribute, dictionary) is { } members)
            {
                values.Add(members);
            }
        }
        if (values.Count > 1 && !several)
        {
            throw new ScimValueException($"it returned {values.Count} complex values, and the attribute takes one");
        }
        return values.Count == 0 ? (_includeEmpty ? ExplicitNull : null) : several ? values : values[0];
    }

    private List<KeyValuePair<string, object>>? ResolveSubAttributes(MappedAttribute attribute, IDictionary dictionary)
    {
        IReadOnlyList<ScimAttribute> allowed = attribute.Attribute.SubAttributes;
        var members = new List<(int Index, KeyValuePair<string, object> Value)>();
        foreach (DictionaryEntry entry in dictionary)
        {
            string name = System.Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty;
            int index = IndexOf(allowed, name);
            _currentKey = $"{attribute.Key}.{name}";
            if (index < 0)
            {
                throw new MappingException(_currentKey, $"the hashtable it returned has the key '{name}', which is not a sub-attribute of " +
                    $"{attribute.Attribute.Name}.{NameSuggester.DidYouMean(name, allowed.Select(a => a.Name))} Valid names: " +
                    string.Join(", ", allowed.Select(a => a.Name)) + ".");
            }
            object? value = ConvertValue(allowed[index], entry.Value);
            if (value is not null || _includeEmpty)
            {
                members.Add((index, new(allowed[index].Name, value ?? ExplicitNull)));
            }
        }
        _currentKey = attribute.Key;
        return members.Exists(m => !ReferenceEquals(m.Value.Value, ExplicitNull))
            ? members.OrderBy(m => m.Index).Select(m => m.Value).ToList()
            : null;
    }

    private static int IndexOf(IReadOnlyList<ScimAttribute> attributes, string name)
    {
        for (int i = 0; i < attributes.Count; i++)
        {
            if (string.Equals(attributes[i].Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }
        return -1;
    }

    private byte[] Write(List<KeyValuePair<string, object>> core, List<(string Urn, List<KeyValuePair<string, object>> Values)> extensions,
        List<(string Column, string? Value)>? customColumns)
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        _writer.WriteStartObject();
        _writer.WriteStartArray("schemas");
        foreach (string schema in _mapping.Schemas)
        {
            _writer.WriteStringValue(schema);
        }
        _writer.WriteEndArray();
        WriteMembers(core);
        CustomNamespaceOptions? custom = _mapping.CustomNamespace;
        List<KeyValuePair<string, object>>? mappedCustom = null;
        foreach ((string urn, List<KeyValuePair<string, object>> values) in extensions)
        {
            if (custom is not null && string.Equals(urn, custom.Urn, StringComparison.OrdinalIgnoreCase))
            {
                mappedCustom = values;
            }
            else if (values.Count > 0)
            {
                _writer.WritePropertyName(urn);
                _writer.WriteStartObject();
                WriteMembers(values);
                _writer.WriteEndObject();
            }
        }
        if (custom is not null)
        {
            WriteCustomNamespace(custom, customColumns!, mappedCustom ?? []);
        }
        _writer.WriteEndObject();
        _writer.Flush();
        return _buffer.WrittenSpan.ToArray();
    }

    private void WriteMembers(List<KeyValuePair<string, object>> values)
    {
        foreach (KeyValuePair<string, object> pair in values)
        {
            _writer.WritePropertyName(pair.Key);
            WriteValue(pair.Value);
        }
    }

    private void WriteValue(object value)
    {
        switch (value)
        {
            case string s: _writer.WriteStringValue(s); break;
            case bool b: _writer.WriteBooleanValue(b); break;
            case long l: _writer.WriteNumberValue(l); break;
            case decimal d: _writer.WriteNumberValue(d); break;
            case List<KeyValuePair<string, object>> members:
                _writer.WriteStartObject();
                WriteMembers(members);
                _writer.WriteEndObject();
                break;
            case List<object> items:
                _writer.WriteStartArray();
                foreach (object item in items)
                {
                    WriteValue(item);
                }
                _writer.WriteEndArray();
                break;
            default: _writer.WriteNullValue(); break;
        }
    }

    // The row's columns, as CSV2SCIM sends them: converted before anything is written, so that a value that cannot be
    // sent fails its record like any other.
    private List<(string Column, string? Value)> ResolveCustomColumns(CustomNamespaceOptions custom, IWorkerRecord record)
    {
        if (custom.Columns is null && (record.Shape is null || !ReferenceEquals(record.Shape, _customShape)))
        {
            _customColumns = record.FieldNames.ToList();
            _customShape = record.Shape;
        }
        var values = new List<(string Column, string? Value)>();
        foreach (string column in custom.Columns ?? _customColumns!)
        {
            _currentKey = custom.Urn + "." + column;
            record.TryGetField(column, out object? raw);
            values.Add((column, (string?)ScimValueConverter.Convert(new ScimAttribute(column, ScimAttributeType.String), raw, _timeZone)));
        }
        return values;
    }

    // One object for the row's columns and what the mapping puts in the same extension: a mapped attribute replaces
    // the column of the same name.
    private void WriteCustomNamespace(CustomNamespaceOptions custom, List<(string Column, string? Value)> columns, List<KeyValuePair<string, object>> mapped)
    {
        _writer.WritePropertyName(custom.Urn);
        _writer.WriteStartObject();
        foreach ((string column, string? value) in columns)
        {
            if (mapped.Exists(m => string.Equals(m.Key, column, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }
            if (value is not null)
            {
                _writer.WriteString(column, value);
            }
            else if (_includeEmpty)
            {
                _writer.WriteNull(column);
            }
        }
        WriteMembers(mapped);
        _writer.WriteEndObject();
    }
}
