using System.Text.Json;
using System.Text.Json.Nodes;
using EntraInboundProvisioning.Engine.Provisioning;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Serialization;

namespace EntraInboundProvisioning.Engine.Jobs;

/// <summary>
/// Reads the job's synchronizationSchema and adds custom attributes to its API source directory (the one not named
/// "Azure Active Directory" or "Microsoft Entra ID"), PUTting the whole schema back, since PUT replaces it.
/// The schema travels as raw JSON: the SDK's model would drop values its enums do not know (a new attribute type or
/// mutability) and the PUT would then lose them.
/// </summary>
public sealed class ProvisioningSchemaEditor(ProvisioningConnection connection)
{
    public const string Added = "Added";
    public const string Present = "Present";
    public const string TypeDiffers = "TypeDiffers";
    private static readonly string[] TargetDirectories = ["Azure Active Directory", "Microsoft Entra ID"];
    private static readonly Dictionary<string, ParsableFactory<IParsable>> Errors = new() { ["XXX"] = ODataError.CreateFromDiscriminatorValue };

    private readonly ProvisioningJobClient _jobs = new(connection);

    public Task<List<ProvisioningSchemaAttribute>> ReadAsync(ProvisioningTarget target, bool sourceOnly, CancellationToken cancellationToken) =>
        GraphRequestException.Wrap(async () =>
        {
            JsonObject schema = await GetAsync(target, cancellationToken);
            JsonObject? source = SourceDirectory(schema);
            return Objects(schema, "directories")
                .Where(d => !sourceOnly || ReferenceEquals(d, source))
                .SelectMany(d => Objects(d, "objects").SelectMany(o => Objects(o, "attributes").Select(a => new ProvisioningSchemaAttribute(
                    Text(d, "name") ?? Text(d, "id") ?? "", Text(o, "name") ?? "", Text(a, "name") ?? "", Text(a, "type"), Flag(a, "anchor"), Flag(a, "required"), Flag(a, "multivalued")))))
                .ToList();
        });

    /// <summary>Reads the schema and works out which of the attributes it lacks; sends nothing.</summary>
    public Task<ProvisioningSchemaPlan> PlanAsync(ProvisioningTarget target, IReadOnlyList<SchemaAttributeRequest> attributes, CancellationToken cancellationToken) =>
        GraphRequestException.Wrap(async () =>
        {
            JsonObject schema = await GetAsync(target, cancellationToken);
            JsonObject source = SourceDirectory(schema)
                ?? throw new InvalidOperationException($"The schema of job '{target.JobId}' has no API source directory (only {string.Join(", ", Objects(schema, "directories").Select(d => Text(d, "name")))}). Is it an API-driven inbound provisioning job?");
            string directory = Text(source, "name") ?? "";
            JsonObject user = Objects(source, "objects").FirstOrDefault(o => string.Equals(Text(o, "name"), "User", StringComparison.OrdinalIgnoreCase))
                ?? Objects(source, "objects").FirstOrDefault()
                ?? throw new InvalidOperationException($"The source directory '{directory}' of job '{target.JobId}' defines no object to add attributes to.");
            Dictionary<string, JsonObject> present = Objects(user, "attributes").Where(a => Text(a, "name") is not null)
                .DistinctBy(a => Text(a, "name"), StringComparer.OrdinalIgnoreCase).ToDictionary(a => Text(a, "name")!, StringComparer.OrdinalIgnoreCase);
            var changes = new List<ProvisioningSchemaChange>();
            foreach (SchemaAttributeRequest attribute in attributes.DistinctBy(a => a.Name, StringComparer.OrdinalIgnoreCase))
            {
                if (!present.TryGetValue(attribute.Name, out JsonObject? existing))
                {
                    changes.Add(new ProvisioningSchemaChange(Added, attribute.Name, attribute.Type, directory, attribute.Source));
                    continue;
                }
                string type = Text(existing, "type") ?? attribute.Type;
                bool differs = !attribute.TypeDefaulted && !string.Equals(type, attribute.Type, StringComparison.OrdinalIgnoreCase);
                changes.Add(new ProvisioningSchemaChange(differs ? TypeDiffers : Present, Text(existing, "name")!, type, directory, attribute.Source, attribute.Type));
            }
            return new ProvisioningSchemaPlan(schema, user, directory, changes);
        });

    /// <summary>PUTs the schema as read with the plan's added attributes; a plan that adds none sends nothing.</summary>
    public Task ApplyAsync(ProvisioningTarget target, ProvisioningSchemaPlan plan, CancellationToken cancellationToken)
    {
        if (!plan.Added.Any())
        {
            return Task.CompletedTask;
        }
        if (plan.Target["attributes"] is not JsonArray attributes)
        {
            plan.Target["attributes"] = attributes = [];
        }
        foreach (ProvisioningSchemaChange added in plan.Added)
        {
            attributes.Add(new JsonObject
            {
                ["anchor"] = false,
                ["apiExpressions"] = new JsonArray(),
                ["caseExact"] = false,
                ["defaultValue"] = null,
                ["flowNullValues"] = false,
                ["metadata"] = new JsonArray(),
                ["multivalued"] = false,
                ["mutability"] = "ReadWrite",
                ["name"] = added.Name,
                ["referencedObjects"] = new JsonArray(),
                ["required"] = false,
                ["type"] = added.Type,
            });
        }
        var body = (JsonObject)plan.Schema.DeepClone();
        body.Remove("@odata.context");
        // The SDK's builder has PATCH only; the service documents PUT (which replaces the schema): same request, its method and body changed.
        RequestInformation request = _jobs.Job(target).Schema.ToGetRequestInformation();
        request.HttpMethod = Method.PUT;
        request.SetStreamContent(new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(body), writable: false), "application/json");
        return GraphRequestException.Wrap(async () =>
        {
            await connection.Client.RequestAdapter.SendNoContentAsync(request, Errors, cancellationToken);
            return true;
        });
    }

    private async Task<JsonObject> GetAsync(ProvisioningTarget target, CancellationToken cancellationToken)
    {
        RequestInformation request = _jobs.Job(target).Schema.ToGetRequestInformation();
        await using Stream? body = await connection.Client.RequestAdapter.SendPrimitiveAsync<Stream>(request, Errors, cancellationToken);
        return (body is null ? null : await JsonNode.ParseAsync(body, cancellationToken: cancellationToken)) as JsonObject
            ?? throw new GraphRequestException(404, "ResourceNotFound", $"The job '{target.JobId}' has no schema.");
    }

    private static JsonObject? SourceDirectory(JsonObject schema) =>
        Objects(schema, "directories").FirstOrDefault(d => !TargetDirectories.Contains(Text(d, "name"), StringComparer.OrdinalIgnoreCase));

    private static IEnumerable<JsonObject> Objects(JsonObject parent, string name) =>
        parent[name] is JsonArray items ? items.OfType<JsonObject>() : [];

    private static string? Text(JsonObject item, string name) =>
        item[name] is JsonValue value && value.TryGetValue(out string? text) ? text : null;

    private static bool Flag(JsonObject item, string name) =>
        item[name] is JsonValue value && value.TryGetValue(out bool flag) && flag;
}
