using System.Globalization;
using System.Text.Json;
using EntraInboundProvisioning.Engine.Mapping;

namespace EntraInboundProvisioning.Engine.Jobs;

/// <summary>
/// The custom attributes a mapping sends (every attribute of its custom extensions, and with -ScimSchemaNamespace
/// every column of the row, as ConvertTo-ScimUser puts them all there), typed from a converted sample user where one is given: String, Boolean, DateTime, Integer.
/// </summary>
public static class CustomAttributeSource
{
    /// <param name="record">A record of the export: it gives the columns that -ScimSchemaNamespace sends.</param>
    /// <param name="sampleUserJson">The record converted with the mapping: its values give the types.</param>
    public static List<SchemaAttributeRequest> FromMapping(ScimMapping mapping, IWorkerRecord? record, string? sampleUserJson)
    {
        using JsonDocument? sample = sampleUserJson is null ? null : JsonDocument.Parse(sampleUserJson);
        var result = new List<SchemaAttributeRequest>();
        foreach (MappedExtension extension in mapping.Extensions.Where(e => e.IsCustom))
        {
            foreach (MappedAttribute attribute in extension.Attributes)
            {
                // A column is sent as the text it holds; any other value is typed by what the sample user holds.
                string? type = attribute.Getter is ColumnGetter ? "String" : TypeOf(sample, extension.Urn, attribute.Attribute.Name);
                result.Add(new SchemaAttributeRequest($"{extension.Urn}:{attribute.Attribute.Name}", type ?? "String", attribute.Key, TypeDefaulted: type is null));
            }
        }
        if (mapping.CustomNamespace is { } custom)
        {
            // ConvertTo-ScimUser -ScimSchemaNamespace sends every column of the row there, the mapped ones too.
            IEnumerable<string> columns = custom.Columns ?? record?.FieldNames
                ?? throw new ArgumentException("-ScimSchemaNamespace puts the export's columns in the schema: give the export (-Path, or its rows piped in).");
            result.AddRange(columns.Select(column => new SchemaAttributeRequest($"{custom.Urn}:{column}", "String", column)));
        }
        return result;
    }

    private static string? TypeOf(JsonDocument? sample, string urn, string name)
    {
        if (sample is null || !sample.RootElement.TryGetProperty(urn, out JsonElement extension) || extension.ValueKind != JsonValueKind.Object
            || !extension.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
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
