namespace EntraInboundProvisioning.Engine.Scim;

public enum ScimAttributeType
{
    String,
    Boolean,
    Integer,
    Decimal,
    DateTime,
    Reference,
    Complex,
    /// <summary>An attribute of a custom extension, whose type the schema catalogue does not know.</summary>
    Any,
}
