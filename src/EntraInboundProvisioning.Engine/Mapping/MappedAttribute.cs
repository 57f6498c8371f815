using EntraInboundProvisioning.Engine.Scim;

namespace EntraInboundProvisioning.Engine.Mapping;

/// <summary>
/// One attribute of a checked mapping: a simple value (Getter), a complex value (Members), or a multi-valued one
/// (Items, each a simple or complex value).
/// </summary>
public sealed class MappedAttribute
{
    public required string Key { get; init; }

    public required ScimAttribute Attribute { get; init; }

    public ValueGetter? Getter { get; init; }

    public IReadOnlyList<MappedAttribute>? Members { get; init; }

    public IReadOnlyList<MappedAttribute>? Items { get; init; }
}
