namespace EntraInboundProvisioning.Engine.Jobs;

/// <summary>One attribute definition of the job's schema (directories[].objects[].attributes[]).</summary>
public sealed record ProvisioningSchemaAttribute(string Directory, string Object, string Name, string? Type, bool Anchor, bool Required, bool Multivalued)
{
    public override string ToString() => Name;
}
