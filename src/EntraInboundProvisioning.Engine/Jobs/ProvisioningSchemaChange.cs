namespace EntraInboundProvisioning.Engine.Jobs;

/// <summary>What Update-ProvisioningSchema did with one attribute: Added, or Present when the schema had it already.</summary>
public sealed record ProvisioningSchemaChange(string Action, string Name, string Type, string Directory, string Source)
{
    public override string ToString() => $"{Action} {Name}";
}
