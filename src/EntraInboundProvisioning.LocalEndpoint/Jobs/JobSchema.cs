using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace EntraInboundProvisioning.LocalEndpoint.Jobs;

/// <summary>
/// The job's synchronizationSchema in the v1.0 shape: the API source directory and the Microsoft Entra ID target,
/// each with its User object and attribute definitions. Custom attributes (urn:...:User:Name) are applied only
/// when the source directory defines them.
/// </summary>
public static partial class JobSchema
{
    public const string EnterpriseUrn = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    public const string CoreUrn = "urn:ietf:params:scim:schemas:core:2.0:User";
    private static readonly string[] TargetDirectoryNames = ["Azure Active Directory", "Microsoft Entra ID"];

    private static readonly (string Name, string Type)[] SourceAttributes =
    [
        ("externalId", "String"), ("userName", "String"), ("active", "Boolean"), ("displayName", "String"), ("nickName", "String"),
        ("title", "String"), ("userType", "String"), ("preferredLanguage", "String"), ("locale", "String"), ("timezone", "String"),
        ("name.givenName", "String"), ("name.familyName", "String"), ("name.formatted", "String"), ("name.middleName", "String"),
        ("name.honorificPrefix", "String"), ("name.honorificSuffix", "String"),
        ("emails[type eq \"work\"].value", "String"), ("emails[type eq \"other\"].value", "String"),
        ("phoneNumbers[type eq \"work\"].value", "String"), ("phoneNumbers[type eq \"mobile\"].value", "String"),
        ("addresses[type eq \"work\"].streetAddress", "String"), ("addresses[type eq \"work\"].locality", "String"),
        ("addresses[type eq \"work\"].region", "String"), ("addresses[type eq \"work\"].postalCode", "String"),
        ("addresses[type eq \"work\"].country", "String"),
        (EnterpriseUrn + ":employeeNumber", "String"), (EnterpriseUrn + ":costCenter", "String"), (EnterpriseUrn + ":organization", "String"),
        (EnterpriseUrn + ":division", "String"), (EnterpriseUrn + ":department", "String"), (EnterpriseUrn + ":manager", "Reference"),
    ];

    private static readonly (string Name, string Type)[] TargetAttributes =
    [
        ("employeeId", "String"), ("userPrincipalName", "String"), ("accountEnabled", "Boolean"), ("displayName", "String"),
        ("givenName", "String"), ("surname", "String"), ("mail", "String"), ("jobTitle", "String"), ("department", "String"),
        ("companyName", "String"), ("manager", "Reference"), ("employeeHireDate", "DateTime"), ("usageLocation", "String"),
    ];

    public static JsonObject Default(string jobId) => new()
    {
        ["id"] = jobId,
        ["version"] = "date:2026-01-01T00:00:00Z",
        ["synchronizationRules"] = new JsonArray(new JsonObject
        {
            ["id"] = "API2AAD",
            ["name"] = "API2AAD",
            ["sourceDirectoryName"] = "API",
            ["targetDirectoryName"] = "Microsoft Entra ID",
            ["editable"] = true,
            ["objectMappings"] = new JsonArray(),
        }),
        ["directories"] = new JsonArray(
            Directory("API", "API", SourceAttributes, anchor: "externalId"),
            Directory("AAD", "Microsoft Entra ID", TargetAttributes, anchor: "employeeId")),
    };

    /// <summary>The source directory: the one that is not the Entra ID target.</summary>
    public static JsonObject? SourceDirectory(JsonObject schema) =>
        (schema["directories"] as JsonArray)?.OfType<JsonObject>()
            .FirstOrDefault(d => !TargetDirectoryNames.Contains((string?)d["name"], StringComparer.OrdinalIgnoreCase));

    /// <summary>The attribute names of the source directory's objects, as the schema spells them.</summary>
    public static HashSet<string> SourceAttributeNames(JsonObject schema) =>
        (SourceDirectory(schema)?["objects"] as JsonArray)?.OfType<JsonObject>()
            .SelectMany(o => (o["attributes"] as JsonArray)?.OfType<JsonObject>() ?? [])
            .Select(a => (string?)a["name"]).OfType<string>()
            .ToHashSet(StringComparer.OrdinalIgnoreCase) ?? new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>A flattened attribute path under a custom extension (not core, not enterprise), cut to its attribute: urn:...:User:Name.</summary>
    public static string? CustomAttributeName(string path)
    {
        // The enterprise and core extensions are no custom ones; an extension sent as null is no attribute.
        if (!path.StartsWith("urn:", StringComparison.OrdinalIgnoreCase) || path.StartsWith(EnterpriseUrn, StringComparison.OrdinalIgnoreCase)
            || path.StartsWith(CoreUrn, StringComparison.OrdinalIgnoreCase) || path.EndsWith(":User", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        int end = path.IndexOfAny(['.', '['], path.LastIndexOf(':') + 1);
        return end < 0 ? path : path[..end];
    }

    /// <summary>Null when the schema can replace the job's; else why the service would refuse it.</summary>
    public static string? Validate(JsonNode? body)
    {
        if (body is not JsonObject schema || schema["directories"] is not JsonArray directories)
        {
            return "The request body must be a synchronizationSchema with a 'directories' array.";
        }
        foreach (JsonObject directory in directories.OfType<JsonObject>())
        {
            foreach (JsonObject obj in (directory["objects"] as JsonArray)?.OfType<JsonObject>() ?? [])
            {
                var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                foreach (JsonObject attribute in (obj["attributes"] as JsonArray)?.OfType<JsonObject>() ?? [])
                {
                    string? name = attribute["name"]?.GetValueKind() == JsonValueKind.String ? (string?)attribute["name"] : null;
                    string where = $"directory '{directory["name"]}', object '{obj["name"]}'";
                    if (string.IsNullOrEmpty(name))
                    {
                        return $"An attribute of {where} has no name.";
                    }
                    if (CustomAttributeName(name) is not null && !CustomName().IsMatch(name))
                    {
                        return $"The attribute name '{name}' of {where} is not valid: after the namespace, use letters, digits, '_' or '-', with no spaces or quotes.";
                    }
                    if (!seen.Add(name))
                    {
                        return $"The attribute '{name}' is defined twice in {where}.";
                    }
                }
            }
        }
        return null;
    }

    private static JsonObject Directory(string id, string name, (string Name, string Type)[] attributes, string anchor) => new()
    {
        ["id"] = id,
        ["name"] = name,
        ["discoverabilities"] = "None",
        ["discoveryDateTime"] = null,
        ["readOnly"] = false,
        ["version"] = null,
        ["objects"] = new JsonArray(new JsonObject
        {
            ["name"] = "User",
            ["supportedApis"] = new JsonArray(),
            ["metadata"] = new JsonArray(),
            ["attributes"] = new JsonArray(attributes.Select(a => (JsonNode)Attribute(a.Name, a.Type, a.Name == anchor)).ToArray()),
        }),
    };

    public static JsonObject Attribute(string name, string type, bool anchor = false) => new()
    {
        ["anchor"] = anchor,
        ["apiExpressions"] = new JsonArray(),
        ["caseExact"] = false,
        ["defaultValue"] = null,
        ["flowNullValues"] = false,
        ["metadata"] = new JsonArray(),
        ["multivalued"] = false,
        ["mutability"] = "ReadWrite",
        ["name"] = name,
        ["required"] = anchor,
        ["referencedObjects"] = new JsonArray(),
        ["type"] = type,
    };

    [GeneratedRegex(@"^urn:[^\s'""]+:[A-Za-z][A-Za-z0-9_\-]*$")]
    private static partial Regex CustomName();
}
