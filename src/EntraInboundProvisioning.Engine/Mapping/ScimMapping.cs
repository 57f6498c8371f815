namespace EntraInboundProvisioning.Engine.Mapping;

/// <summary>A mapping checked against the SCIM schemas, in the order its JSON is written.</summary>
public sealed class ScimMapping
{
    internal ScimMapping(IReadOnlyList<MappedAttribute> core, IReadOnlyList<MappedExtension> extensions, CustomNamespaceOptions? customNamespace,
        IReadOnlyList<string> warnings)
    {
        Core = core;
        Extensions = extensions;
        CustomNamespace = customNamespace;
        Warnings = warnings;
        ExternalIdColumn = (core.FirstOrDefault(a => a.Attribute.Name == "externalId")?.Getter as ColumnGetter)?.Column;
        Columns = ColumnKeys().Select(c => c.Column).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var schemas = new List<string> { Scim.ScimSchemas.CoreUserUrn, Scim.ScimSchemas.EnterpriseUserUrn };
        schemas.AddRange(extensions.Select(e => e.Urn).Where(u => !schemas.Contains(u, StringComparer.OrdinalIgnoreCase)));
        if (customNamespace is not null && !schemas.Contains(customNamespace.Urn, StringComparer.OrdinalIgnoreCase))
        {
            schemas.Add(customNamespace.Urn);
        }
        Schemas = schemas;
    }

    public IReadOnlyList<MappedAttribute> Core { get; }

    public IReadOnlyList<MappedExtension> Extensions { get; }

    public CustomNamespaceOptions? CustomNamespace { get; }

    public IReadOnlyList<string> Schemas { get; }

    /// <summary>What is legal but probably a mistake, to be said once before any record is converted.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>The column externalId is mapped from, when it is mapped from a column.</summary>
    public string? ExternalIdColumn { get; }

    /// <summary>Every column the mapping reads by name or in a computed value.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>Every column the mapping reads, with the key that reads it, whether a computed value reads it and whether only defensively.</summary>
    internal IEnumerable<(string Key, string Column, bool Computed, bool Defensive)> ColumnKeys()
    {
        IEnumerable<MappedAttribute> all = Core.Concat(Extensions.SelectMany(e => e.Attributes));
        foreach (MappedAttribute attribute in all)
        {
            foreach ((string, string, bool, bool) read in ColumnKeys(attribute))
            {
                yield return read;
            }
        }
    }

    private static IEnumerable<(string, string, bool, bool)> ColumnKeys(MappedAttribute attribute)
    {
        if (attribute.Getter is ColumnGetter column)
        {
            yield return (attribute.Key, column.Column, false, false);
        }
        if (attribute.Getter is ComputedGetter computed)
        {
            foreach (string read in computed.Columns)
            {
                yield return (attribute.Key, read, true, computed.DefensiveColumns.Contains(read, StringComparer.OrdinalIgnoreCase));
            }
        }
        foreach (MappedAttribute child in (attribute.Members ?? []).Concat(attribute.Items ?? []))
        {
            foreach ((string, string, bool, bool) read in ColumnKeys(child))
            {
                yield return read;
            }
        }
    }
}
