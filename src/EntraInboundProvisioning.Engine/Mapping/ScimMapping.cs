namespace EntraInboundProvisioning.Engine.Mapping;

/// <summary>A mapping checked against the SCIM schemas, in the order its JSON is written.</summary>
public sealed class ScimMapping
{
    internal ScimMapping(IReadOnlyList<MappedAttribute> core, IReadOnlyList<MappedExtension> extensions, CustomNamespaceOptions? customNamespace)
    {
        Core = core;
        Extensions = extensions;
        CustomNamespace = customNamespace;
        Columns = ColumnKeys().Select(c => c.Column).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var schemas = new List<string> { Scim.ScimSchemas.CoreUserUrn, Scim.ScimSchemas.EnterpriseUserUrn };
        schemas.AddRange(extensions.Select(e => e.Urn).Where(u => !schemas.Contains(u)));
        if (customNamespace is not null && !schemas.Contains(customNamespace.Urn))
        {
            schemas.Add(customNamespace.Urn);
        }
        Schemas = schemas;
    }

    public IReadOnlyList<MappedAttribute> Core { get; }

    public IReadOnlyList<MappedExtension> Extensions { get; }

    public CustomNamespaceOptions? CustomNamespace { get; }

    public IReadOnlyList<string> Schemas { get; }

    /// <summary>Every column the mapping reads by name, with the key that reads it.</summary>
    public IReadOnlyList<string> Columns { get; }

    internal IEnumerable<(string Key, string Column)> ColumnKeys()
    {
        IEnumerable<MappedAttribute> all = Core.Concat(Extensions.SelectMany(e => e.Attributes));
        foreach (MappedAttribute attribute in all)
        {
            foreach ((string key, string column) in ColumnKeys(attribute))
            {
                yield return (key, column);
            }
        }
    }

    private static IEnumerable<(string, string)> ColumnKeys(MappedAttribute attribute)
    {
        if (attribute.Getter is ColumnGetter column)
        {
            yield return (attribute.Key, column.Column);
        }
        foreach (MappedAttribute child in (attribute.Members ?? []).Concat(attribute.Items ?? []))
        {
            foreach ((string, string) pair in ColumnKeys(child))
            {
                yield return pair;
            }
        }
    }
}
