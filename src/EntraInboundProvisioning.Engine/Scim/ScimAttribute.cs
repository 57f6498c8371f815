namespace EntraInboundProvisioning.Engine.Scim;

/// <summary>One attribute of a SCIM schema, with its sub-attributes when it is complex.</summary>
public sealed class ScimAttribute
{
    public ScimAttribute(string name, ScimAttributeType type, bool multiValued = false, params ScimAttribute[] subAttributes)
    {
        Name = name;
        Type = type;
        MultiValued = multiValued;
        SubAttributes = subAttributes;
    }

    public string Name { get; }

    public ScimAttributeType Type { get; }

    public bool MultiValued { get; }

    public IReadOnlyList<ScimAttribute> SubAttributes { get; }

    public bool IsComplex => Type == ScimAttributeType.Complex;

    public override string ToString() => Name;
}
