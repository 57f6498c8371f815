using System.Text.Json.Nodes;

namespace EntraInboundProvisioning.Engine.Jobs;

/// <summary>The schema as read, and the attributes that a PUT of it would add; nothing is sent until it is applied.</summary>
public sealed class ProvisioningSchemaPlan
{
    internal ProvisioningSchemaPlan(JsonObject schema, JsonObject target, string directory, IReadOnlyList<ProvisioningSchemaChange> changes)
    {
        Schema = schema;
        Target = target;
        Directory = directory;
        Changes = changes;
    }

    /// <summary>The API source directory that gets the attributes.</summary>
    public string Directory { get; }

    public IReadOnlyList<ProvisioningSchemaChange> Changes { get; }

    public IEnumerable<ProvisioningSchemaChange> Added => Changes.Where(c => c.Action == ProvisioningSchemaEditor.Added);

    public IEnumerable<ProvisioningSchemaChange> TypeDiffers => Changes.Where(c => c.Action == ProvisioningSchemaEditor.TypeDiffers);

    internal JsonObject Schema { get; }

    internal JsonObject Target { get; }
}
