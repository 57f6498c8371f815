using System.Globalization;
using System.Text.Json;
using EntraInboundProvisioning.Engine.Mapping;

namespace EntraInboundProvisioning.Engine.Jobs;

/// <summary>
/// The custom attributes a mapping sends (every attribute of its custom extensions, and with -ScimSchemaNamespace
/// every column of the row, as ConvertTo-ScimUser puts them all there), each typed from the first converted sample
/// user that gives it a value: String, Boolean, DateTime, Integer.
/// </summary>
public static class CustomAttributeSource
{
    /// <param name="record">A record of the export: it gives the columns that -ScimSchemaNamespace sends.</param>
    /// <param name="sampleUserJsons">Records converted with the mapping, read only until every attribute has a type.</param>
    public static List<SchemaAttributeRequest> FromMapping(ScimMapping mapping, IWorkerRecord? record, IEnumerable<string> sampleUserJsons)
    {
        // A column is sent as the text it holds; any other value is typed by what a sample user holds.
        List<(string Name, string Urn, MappedAttribute Attribute)> attributes = mapping.Extensions.Where(e => e.IsCustom)
            .SelectMany(e => e.Attributes.Select(a => ($"{e.Urn}:{a.Attribute.Name}", e.Urn, a))).ToList();
        var types = attributes.Where(a => a.Attribute.Getter is ColumnGetter).ToDictionary(a => a.Name, _ => "String", StringComparer.OrdinalIgnoreCase);
        if (types.Count < attributes.Count)
        {
            foreach (string json in sampleUserJsons)
            {
                using JsonDocument sample = JsonDocument.Parse(json);
                foreach ((string name, string urn, MappedAttribute attribute) in attributes.Where(a => !types.ContainsKey(a.Name)))
                {
                    if (TypeOf(sample, urn, attribute.Attribute.Name) is { } type)
                    {
                        types[name] = type;
                    }
                }
                if (types.Count == attributes.Count)
                {
                    break;
                }
            }
        }
        List<SchemaAttributeRequest> result = attributes.Select(a => new SchemaAttributeRequest(a.Name, types.GetValueOrDefault(a.Name, "String"), a.Attribute.Key,
            TypeDefaulted: !types.ContainsKey(a.Name))).ToList();
        if (mapping.CustomNamespace is { } custom)
        {
            // ConvertTo-ScimUser -ScimSchemaNamespace sends every column of the row there, the mapped ones too.
            IEnumerable<string> columns = custom.Columns ?? record?.FieldNames
                ?? throw new ArgumentException("-ScimSchemaNamespace puts the export's columns in the schema: give the export (-Path, or its rows piped in).");
            result.AddRange(columns.Select(column => new SchemaAttributeRequest($"{custom.Urn}:{column}", "String", column)));
        }
        return result;
    }

    private static string? TypeOf(JsonDocument sample, string urn, string name)
    {
        if (!sample.RootElement.TryGetProperty(urn, out JsonElement extension) || extension.ValueKind != JsonValueKind.Object
            || !extension.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null
            || (value.ValueKind == JsonValueKind.String && value.GetString()!.Length == 0))
        {
            return null;
        }
        return value.ValueKind switch
        {
            JsonValueKind.True or JsonValueKind.False => "Boolean",
            JsonValueKind.Number when value.TryGetInt64(out _) => "Integer",
            JsonValueKind.String when DateTimeOffset.TryParseExact(value.GetString(), ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"],
                CultureInfo.InvariantCulture, DateTimeStyles.None, out _) => "DateTime",
            _ => "String",
        };
    }
}
