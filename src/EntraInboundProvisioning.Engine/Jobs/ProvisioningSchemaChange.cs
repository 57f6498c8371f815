namespace EntraInboundProvisioning.Engine.Jobs;

/// <summary>
/// What Update-ProvisioningSchema did with one attribute: Added; Present when the schema had it already; TypeDiffers
/// when the schema has it with another Type than the mapping's (MappingType), which is reported and left as it is.
/// </summary>
public sealed record ProvisioningSchemaChange(string Action, string Name, string Type, string Directory, string Source, string? MappingType = null)
{
    public override string ToString() => $"{Action} {Name}";
}
