namespace EntraInboundProvisioning.Engine.Scim;

/// <summary>A SCIM schema: its URN and its attributes in the order that RFC 7643 lists them.</summary>
public sealed class ScimSchema
{
    public ScimSchema(string urn, IReadOnlyList<ScimAttribute> attributes)
    {
        Urn = urn;
        Attributes = attributes;
    }

    public string Urn { get; }

    public IReadOnlyList<ScimAttribute> Attributes { get; }

    public int IndexOf(string name)
    {
        for (int i = 0; i < Attributes.Count; i++)
        {
            if (string.Equals(Attributes[i].Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }
        return -1;
    }
}
