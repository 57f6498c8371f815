using System.Text.Json;
using System.Text.Json.Nodes;
using EntraInboundProvisioning.LocalEndpoint.Graph;
using EntraInboundProvisioning.LocalEndpoint.Jobs;
using EntraInboundProvisioning.LocalEndpoint.State;

namespace EntraInboundProvisioning.LocalEndpoint.Processing;

/// <summary>
/// Applies one bulk operation to a job's directory as the provisioning service would (create, update, disable or
/// skip, matched on externalId) and writes its provisioningObjectSummary in the v1.0 shape.
/// </summary>
public static class OperationApplier
{
    private const string EnterpriseUrn = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    /// <param name="schemaAttributes">The source attributes of the job's schema: custom attributes not among them are not applied.</param>
    public static JsonObject Apply(Dictionary<string, DirectoryUser> directory, JsonObject data, string jobId, string cycleId,
        ServicePrincipalOptions servicePrincipal, string tenantId, DateTimeOffset now, IReadOnlySet<string>? schemaAttributes = null)
    {
        string externalId = (string)ScimAttributes.Get(data, "externalId")!;
        Dictionary<string, string?> incoming = Flatten(data);
        List<string> notInSchema = schemaAttributes is null ? [] : incoming.Keys
            .Select(JobSchema.CustomAttributeName).OfType<string>().Where(name => !schemaAttributes.Contains(name))
            .Distinct(StringComparer.Ordinal).ToList();
        foreach (string key in incoming.Keys.Where(k => JobSchema.CustomAttributeName(k) is { } name && notInSchema.Contains(name)).ToList())
        {
            incoming.Remove(key);
        }
        string? userName = Text(ScimAttributes.Get(data, "userName"));
        string? displayName = Text(ScimAttributes.Get(data, "displayName"));
        JsonNode? activeNode = ScimAttributes.Get(data, "active");
        bool? active = activeNode?.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? (bool)activeNode : null;
        string? manager = Text(ScimAttributes.Get(ScimAttributes.Get(ScimAttributes.Get(data, EnterpriseUrn), "manager"), "value"));

        directory.TryGetValue(externalId, out DirectoryUser? user);
        string action;
        string status = "success";
        JsonObject? error = null;
        var modified = new JsonArray();

        if (user is null)
        {
            action = "create";
            if (string.IsNullOrWhiteSpace(userName))
            {
                status = "failure";
                error = Error("AttributeMissing", $"The user with externalId '{externalId}' cannot be created: userName is required on create.",
                    "Map userName (for example to the worker's UPN) and send the worker again.");
            }
            else
            {
                user = new DirectoryUser { Id = Guid.NewGuid().ToString(), ExternalId = externalId, Created = now };
                directory[externalId] = user;
                foreach ((string key, string? value) in incoming.Where(p => p.Value is not null))
                {
                    modified.Add(Property(key, null, value));
                }
            }
        }
        else
        {
            var changes = incoming.Where(p => !user.Attributes.TryGetValue(p.Key, out string? old) ? p.Value is not null : old != p.Value).ToList();
            foreach ((string key, string? value) in changes)
            {
                modified.Add(Property(key, user.Attributes.GetValueOrDefault(key), value));
            }
            action = changes.Count == 0 ? "other" : user.Active && active == false ? "disable" : "update";
            if (changes.Count == 0)
            {
                status = "skipped";
                error = Error("NoChange", $"The user with externalId '{externalId}' already has these values; nothing was changed.", null);
            }
        }

        if (user is not null && status != "failure")
        {
            foreach ((string key, string? value) in incoming)
            {
                if (value is null)
                {
                    user.Attributes.Remove(key);
                }
                else
                {
                    user.Attributes[key] = value;
                }
            }
            user.UserName = userName ?? user.UserName;
            user.DisplayName = displayName ?? user.DisplayName;
            user.Active = active ?? user.Active;
            user.ManagerExternalId = manager ?? user.ManagerExternalId;
            user.Modified = now;
            if (manager is not null && manager != externalId && !directory.ContainsKey(manager) && status == "success")
            {
                status = "warning";
                error = Error("ManagerNotFound", $"The manager with externalId '{manager}' of user '{externalId}' was not found; the manager was not set.",
                    "Send the manager before the workers who report to them, or check the manager's ID.");
            }
        }

        if (notInSchema.Count > 0 && status != "failure")
        {
            string note = $"{notInSchema.Count} attributes are not in the job's schema and were not applied: {string.Join(", ", notInSchema)}.";
            const string add = "Add them to the schema (Update-ProvisioningSchema) and send the workers again.";
            if (error is null)
            {
                status = "warning";
                error = Error("AttributeNotInSchema", note, add);
            }
            else
            {
                error["reason"] = $"{(string?)error["reason"]} {note} {add}";
            }
        }

        return Entry(externalId, displayName ?? user?.DisplayName ?? externalId, user, displayName, action, status, error, modified, jobId, cycleId,
            servicePrincipal, tenantId, now);
    }

    /// <summary>The log entry of a disable that the accidental-deletion threshold held: staged, not applied.</summary>
    public static JsonObject Staged(Dictionary<string, DirectoryUser> directory, JsonObject data, string reason, string jobId, string cycleId,
        ServicePrincipalOptions servicePrincipal, string tenantId, DateTimeOffset now)
    {
        string externalId = (string)ScimAttributes.Get(data, "externalId")!;
        directory.TryGetValue(externalId, out DirectoryUser? user);
        JsonObject error = Error("TooManyDeletes", reason, "If the disables are intended, restart the job with -ResetScope ForceDeletes; else correct the source and restart it.");
        return Entry(externalId, user?.DisplayName ?? externalId, user, Text(ScimAttributes.Get(data, "displayName")), "stagedDelete", "skipped", error, [], jobId, cycleId,
            servicePrincipal, tenantId, now);
    }

    private static JsonObject Entry(string externalId, string sourceName, DirectoryUser? user, string? displayName, string action, string status,
        JsonObject? error, JsonArray modified, string jobId, string cycleId, ServicePrincipalOptions servicePrincipal, string tenantId, DateTimeOffset now) =>
        new JsonObject
        {
            ["id"] = Guid.NewGuid().ToString(),
            ["activityDateTime"] = now.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture),
            ["tenantId"] = tenantId,
            ["jobId"] = jobId,
            ["cycleId"] = cycleId,
            ["changeId"] = Guid.NewGuid().ToString(),
            ["durationInMilliseconds"] = 12,
            ["provisioningAction"] = action,
            ["provisioningStatusInfo"] = new JsonObject { ["status"] = status, ["errorInformation"] = error },
            ["initiatedBy"] = new JsonObject { ["id"] = "", ["displayName"] = "Azure AD Provisioning Service", ["initiatorType"] = "system" },
            ["servicePrincipal"] = new JsonObject { ["id"] = servicePrincipal.Id, ["displayName"] = servicePrincipal.DisplayName },
            ["sourceSystem"] = new JsonObject { ["id"] = servicePrincipal.AppId, ["displayName"] = "API", ["details"] = new JsonObject() },
            ["targetSystem"] = new JsonObject { ["id"] = tenantId, ["displayName"] = "Entra ID", ["details"] = new JsonObject() },
            ["sourceIdentity"] = new JsonObject
            {
                ["id"] = externalId, ["displayName"] = sourceName, ["identityType"] = "User", ["details"] = new JsonObject(),
            },
            ["targetIdentity"] = new JsonObject
            {
                ["id"] = user?.Id ?? "", ["displayName"] = user?.DisplayName ?? displayName ?? "", ["identityType"] = "User", ["details"] = new JsonObject(),
            },
            ["modifiedProperties"] = modified,
            ["provisioningSteps"] = new JsonArray
            {
                Step("EntryImport", "import", "success", $"Received the user with externalId '{externalId}' from the API."),
                Step("EntrySynchronizationScoping", "scoping", "success", "The user is in scope."),
                Step("EntryExport", "export", status == "failure" ? "failure" : status == "skipped" ? "skipped" : "success",
                    (string?)error?["reason"] ?? $"The user was {(action == "create" ? "created" : action == "disable" ? "disabled" : "updated")}."),
            },
        };

    /// <summary>The attributes of a SCIM user as flat paths: name.givenName, emails[0].value, urn:...:User:department.</summary>
    public static Dictionary<string, string?> Flatten(JsonObject data)
    {
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach ((string key, JsonNode? value) in data)
        {
            if (key == "schemas")
            {
                continue;
            }
            if (key.StartsWith("urn:", StringComparison.OrdinalIgnoreCase) && value is JsonObject extension)
            {
                Walk(extension, key + ":", result);
            }
            else
            {
                Add(key, value, result);
            }
        }
        return result;
    }

    private static void Walk(JsonObject node, string prefix, Dictionary<string, string?> result)
    {
        foreach ((string key, JsonNode? value) in node)
        {
            Add(prefix + key, value, result);
        }
    }

    private static void Add(string path, JsonNode? value, Dictionary<string, string?> result)
    {
        switch (value)
        {
            case JsonObject obj:
                foreach ((string key, JsonNode? child) in obj)
                {
                    Add(path + "." + key, child, result);
                }
                break;
            case JsonArray array:
                for (int i = 0; i < array.Count; i++)
                {
                    Add($"{path}[{i}]", array[i], result);
                }
                break;
            default:
                result[path] = value is null ? null : Text(value);
                break;
        }
    }

    private static string? Text(JsonNode? node) => node is null ? null : node.GetValueKind() == JsonValueKind.String ? (string?)node : node.ToJsonString();

    private static JsonObject Property(string name, string? oldValue, string? newValue) =>
        new() { ["displayName"] = name, ["oldValue"] = oldValue, ["newValue"] = newValue };

    private static JsonObject Step(string name, string type, string status, string description) =>
        new() { ["name"] = name, ["provisioningStepType"] = type, ["status"] = status, ["description"] = description, ["details"] = new JsonObject() };

    private static JsonObject Error(string code, string reason, string? action) => new()
    {
        ["errorCode"] = code,
        ["errorCategory"] = "NonServiceFailure",
        ["reason"] = reason,
        ["additionalDetails"] = null,
        ["recommendedAction"] = action,
    };
}
