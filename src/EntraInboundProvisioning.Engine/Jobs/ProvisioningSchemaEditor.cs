using EntraInboundProvisioning.Engine.Provisioning;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Serialization;
using Microsoft.Kiota.Abstractions.Store;

namespace EntraInboundProvisioning.Engine.Jobs;

/// <summary>
/// Reads the job's synchronizationSchema and adds custom attributes to its API source directory (the one not named
/// "Azure Active Directory" or "Microsoft Entra ID"), PUTting the whole schema back, since PUT replaces it.
/// </summary>
public sealed class ProvisioningSchemaEditor(ProvisioningConnection connection)
{
    public const string Added = "Added";
    public const string Present = "Present";
    private static readonly string[] TargetDirectories = ["Azure Active Directory", "Microsoft Entra ID"];

    private readonly ProvisioningJobClient _jobs = new(connection);

    public Task<List<ProvisioningSchemaAttribute>> ReadAsync(ProvisioningTarget target, bool sourceOnly, CancellationToken cancellationToken) =>
        GraphRequestException.Wrap(async () =>
        {
            SynchronizationSchema schema = await GetAsync(target, cancellationToken);
            DirectoryDefinition? source = SourceDirectory(schema);
            return (schema.Directories ?? [])
                .Where(d => !sourceOnly || ReferenceEquals(d, source))
                .SelectMany(d => (d.Objects ?? []).SelectMany(o => (o.Attributes ?? []).Select(a => new ProvisioningSchemaAttribute(
                    d.Name ?? d.Id ?? "", o.Name ?? "", a.Name ?? "", GraphEnumText.Of(a.Type), a.Anchor == true, a.Required == true, a.Multivalued == true))))
                .ToList();
        });

    /// <summary>Reads the schema and works out which of the attributes it lacks; sends nothing.</summary>
    public Task<ProvisioningSchemaPlan> PlanAsync(ProvisioningTarget target, IReadOnlyList<SchemaAttributeRequest> attributes, CancellationToken cancellationToken) =>
        GraphRequestException.Wrap(async () =>
        {
            SynchronizationSchema schema = await GetAsync(target, cancellationToken);
            DirectoryDefinition source = SourceDirectory(schema)
                ?? throw new InvalidOperationException($"The schema of job '{target.JobId}' has no API source directory (only {string.Join(", ", (schema.Directories ?? []).Select(d => d.Name))}). Is it an API-driven inbound provisioning job?");
            ObjectDefinition user = source.Objects?.FirstOrDefault(o => string.Equals(o.Name, "User", StringComparison.OrdinalIgnoreCase))
                ?? source.Objects?.FirstOrDefault()
                ?? throw new InvalidOperationException($"The source directory '{source.Name}' of job '{target.JobId}' defines no object to add attributes to.");
            Dictionary<string, AttributeDefinition> present = (user.Attributes ?? []).Where(a => a.Name is not null)
                .DistinctBy(a => a.Name, StringComparer.OrdinalIgnoreCase).ToDictionary(a => a.Name!, StringComparer.OrdinalIgnoreCase);
            var changes = new List<ProvisioningSchemaChange>();
            foreach (SchemaAttributeRequest attribute in attributes.DistinctBy(a => a.Name, StringComparer.OrdinalIgnoreCase))
            {
                changes.Add(present.TryGetValue(attribute.Name, out AttributeDefinition? existing)
                    ? new ProvisioningSchemaChange(Present, existing.Name!, GraphEnumText.Of(existing.Type) ?? attribute.Type, source.Name ?? "", attribute.Source)
                    : new ProvisioningSchemaChange(Added, attribute.Name, attribute.Type, source.Name ?? "", attribute.Source));
            }
            return new ProvisioningSchemaPlan(schema, user, source.Name ?? "", changes);
        });

    /// <summary>PUTs the schema with the plan's added attributes; a plan that adds none sends nothing.</summary>
    public Task ApplyAsync(ProvisioningTarget target, ProvisioningSchemaPlan plan, CancellationToken cancellationToken)
    {
        if (!plan.Added.Any())
        {
            return Task.CompletedTask;
        }
        plan.Target.Attributes ??= [];
        foreach (ProvisioningSchemaChange added in plan.Added)
        {
            plan.Target.Attributes.Add(new AttributeDefinition
            {
                Name = added.Name,
                Type = Enum.Parse<AttributeType>(added.Type, ignoreCase: true),
                Anchor = false,
                CaseExact = false,
                FlowNullValues = false,
                Multivalued = false,
                Mutability = Mutability.ReadWrite,
                Required = false,
                ApiExpressions = [],
                Metadata = [],
                ReferencedObjects = [],
            });
        }
        // The SDK sends only the values changed since they were read; PUT replaces the schema, so everything is sent.
        MarkChanged(plan.Schema);
        // The SDK's builder has PATCH only; the service documents PUT (which replaces the schema): same request, its method changed.
        RequestInformation request = _jobs.Job(target).Schema.ToPatchRequestInformation(plan.Schema);
        request.HttpMethod = Method.PUT;
        var errors = new Dictionary<string, ParsableFactory<IParsable>> { ["XXX"] = ODataError.CreateFromDiscriminatorValue };
        return GraphRequestException.Wrap(async () =>
        {
            await connection.Client.RequestAdapter.SendNoContentAsync(request, errors, cancellationToken);
            return true;
        });
    }

    private async Task<SynchronizationSchema> GetAsync(ProvisioningTarget target, CancellationToken cancellationToken) =>
        await _jobs.Job(target).Schema.GetAsync(cancellationToken: cancellationToken)
        ?? throw new GraphRequestException(404, "ResourceNotFound", $"The job '{target.JobId}' has no schema.");

    private static DirectoryDefinition? SourceDirectory(SynchronizationSchema schema) =>
        schema.Directories?.FirstOrDefault(d => !TargetDirectories.Contains(d.Name, StringComparer.OrdinalIgnoreCase));

    // Setting a value again after the model was read marks it changed, so that the SDK serializes it.
    private static void MarkChanged(object? value)
    {
        switch (value)
        {
            case IBackedModel model:
                foreach (KeyValuePair<string, object?> item in model.BackingStore.Enumerate().ToList())
                {
                    MarkChanged(item.Value);
                    model.BackingStore.Set(item.Key, item.Value);
                }
                break;
            case System.Collections.IEnumerable items and not string:
                foreach (object? item in items)
                {
                    MarkChanged(item);
                }
                break;
        }
    }
}
