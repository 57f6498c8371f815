using System.Buffers;
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
    private readonly Dictionary<string, (string? File, long Line)> _seen = new(StringComparer.Ordinal);
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly Utf8JsonWriter _writer;
    private object? _customShape;
    private List<string>? _customColumns;
    private string? _currentKey;

    public ScimUserConverter(ScimMapping mapping, bool includeEmpty = false)
    {
        _mapping = mapping;
        _includeEmpty = includeEmpty;
        _writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    public ScimMapping Mapping => _mapping;

    public ScimConversionResult Convert(IWorkerRecord record)
    {
        List<KeyValuePair<string, object>> core;
        List<(string Urn, List<KeyValuePair<string, object>> Values)> extensions;
        try
        {
            core = ResolveMembers(_mapping.Core, record);
            extensions = _mapping.Extensions.Select(e => (e.Urn, ResolveMembers(e.Attributes, record))).ToList();
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
        if (_seen.TryGetValue(externalId, out (string? File, long Line) first))
        {
            string firstWhere = first.File is null ? "an earlier record" : $"{first.File}:{first.Line}";
            return new ScimConversionResult(null, new ScimRecordFault(ScimRecordFaultKind.DuplicateExternalId, "externalId", externalId,
                record.SourceFile, record.LineNumber,
                $"{Where(record)}externalId '{externalId}' was already used by {firstWhere}; this record is not sent. " +
                "Each worker must have a unique ID: correct the source, or keep one record per ID."));
        }
        _seen.Add(externalId, (record.SourceFile, record.LineNumber));

        byte[] json = Write(core, extensions, record);
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

    private object? Resolve(MappedAttribute attribute, IWorkerRecord record)
    {
        if (attribute.Getter is { } getter)
        {
            _currentKey = attribute.Key;
            object? raw = getter.Get(record);
            object? value;
            try
            {
                value = ScimValueConverter.Convert(attribute.Attribute, raw);
            }
            catch (ScimValueException ex)
            {
                ex.Data["Value"] = raw is null ? null : System.Convert.ToString(raw, CultureInfo.InvariantCulture);
                throw;
            }
            return value ?? (_includeEmpty ? ExplicitNull : null);
        }
        if (attribute.Members is { } members)
        {
            List<KeyValuePair<string, object>> resolved = ResolveMembers(members, record);
            return resolved.Any(v => !ReferenceEquals(v.Value, ExplicitNull)) ? resolved : null;
        }
        var items = new List<object>();
        foreach (MappedAttribute item in attribute.Items!)
        {
            if (Resolve(item, record) is { } value && !ReferenceEquals(value, ExplicitNull))
            {
                items.Add(value);
            }
        }
        return items.Count > 0 ? items : (_includeEmpty ? ExplicitNull : null);
    }

    private byte[] Write(List<KeyValuePair<string, object>> core, List<(string Urn, List<KeyValuePair<string, object>> Values)> extensions, IWorkerRecord record)
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
        foreach ((string urn, List<KeyValuePair<string, object>> values) in extensions)
        {
            if (values.Count > 0)
            {
                _writer.WritePropertyName(urn);
                _writer.WriteStartObject();
                WriteMembers(values);
                _writer.WriteEndObject();
            }
        }
        if (_mapping.CustomNamespace is { } custom)
        {
            WriteCustomNamespace(custom, record);
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

    private void WriteCustomNamespace(CustomNamespaceOptions custom, IWorkerRecord record)
    {
        if (custom.Columns is null && (record.Shape is null || !ReferenceEquals(record.Shape, _customShape)))
        {
            var used = new HashSet<string>(_mapping.Columns, StringComparer.OrdinalIgnoreCase);
            _customColumns = record.FieldNames.Where(n => !used.Contains(n)).ToList();
            _customShape = record.Shape;
        }
        IEnumerable<string> columns = custom.Columns ?? _customColumns!;
        _writer.WritePropertyName(custom.Urn);
        _writer.WriteStartObject();
        foreach (string column in columns)
        {
            _currentKey = custom.Urn + "." + column;
            record.TryGetField(column, out object? raw);
            object? value = ScimValueConverter.Convert(new ScimAttribute(column, ScimAttributeType.String), raw);
            if (value is not null)
            {
                _writer.WriteString(column, (string)value);
            }
            else if (_includeEmpty)
            {
                _writer.WriteNull(column);
            }
        }
        _writer.WriteEndObject();
    }
}
