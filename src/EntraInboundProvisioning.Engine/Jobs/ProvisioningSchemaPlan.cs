using Microsoft.Graph.Models;

namespace EntraInboundProvisioning.Engine.Jobs;

/// <summary>The schema as read, and the attributes that a PUT of it would add; nothing is sent until it is applied.</summary>
public sealed class ProvisioningSchemaPlan
{
    internal ProvisioningSchemaPlan(SynchronizationSchema schema, ObjectDefinition target, string directory, IReadOnlyList<ProvisioningSchemaChange> changes)
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

    internal SynchronizationSchema Schema { get; }

    internal ObjectDefinition Target { get; }
}
