using System.Text.Json;
using System.Text.Json.Nodes;

namespace EntraInboundProvisioning.LocalEndpoint.Graph;

/// <summary>
/// Checks a bulkUpload body as the service does. It refuses (400) only what Microsoft documents the service refuses: a
/// wrong content type, and a body that is unparsable or breaks the bulkUpload schema; the first such problem is returned
/// with a message precise enough to fix it. What is merely suspicious (a bulkId used twice, as Microsoft's own examples
/// do; no operations) is accepted and returned as warnings.
/// </summary>
public static class BulkRequestValidator
{
    public const string BulkRequestUrn = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";
    public const string CoreUserUrn = "urn:ietf:params:scim:schemas:core:2.0:User";
    public const int MaxOperations = 50;

    public static string? Validate(string? contentType, byte[] body, out JsonArray? operations, out List<string> warnings)
    {
        operations = null;
        warnings = [];
        string mediaType = (contentType ?? string.Empty).Split(';')[0].Trim();
        if (!string.Equals(mediaType, "application/scim+json", StringComparison.OrdinalIgnoreCase))
        {
            return $"The request's Content-Type is '{contentType}'; bulkUpload takes 'application/scim+json'.";
        }
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(body);
        }
        catch (JsonException ex)
        {
            return $"The request body is not valid JSON: {ex.Message}";
        }
        // The whole body is SCIM (a BulkRequest of User resources), whose attribute names ignore case.
        if (StrictJson.FindFirst(body, ignoreKeyCase: true) is { } unreadable)
        {
            return $"The request body is not valid JSON for the service: {unreadable.Message}";
        }
        if (root is not JsonObject request)
        {
            return "The request body must be a JSON object (a SCIM BulkRequest).";
        }
        if (ScimAttributes.Get(request, "schemas") is not JsonArray schemas || !schemas.Any(s => s?.GetValueKind() == JsonValueKind.String && (string)s! == BulkRequestUrn))
        {
            return $"The request's 'schemas' must contain '{BulkRequestUrn}'.";
        }
        if (ScimAttributes.Get(request, "Operations") is not JsonArray ops)
        {
            return "The request has no 'Operations' array.";
        }
        if (WrongType(ScimAttributes.Get(request, "failOnErrors"), "failOnErrors", "BulkRequest", Kind.Integer) is { } failOnErrors)
        {
            return failOnErrors;
        }
        if (ops.Count == 0)
        {
            warnings.Add("The request's 'Operations' is empty: accepted, with nothing to process.");
        }
        if (ops.Count > MaxOperations)
        {
            return $"The request has {ops.Count} operations; the limit is {MaxOperations} per request. Split it into several requests.";
        }
        var firstUse = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < ops.Count; i++)
        {
            string where = $"Operations[{i}]";
            if (ops[i] is not JsonObject op)
            {
                return $"{where} is not an object.";
            }
            foreach (string attribute in new[] { "method", "path", "bulkId" })
            {
                if (WrongType(ScimAttributes.Get(op, attribute), $"{where}.{attribute}", "BulkRequest", Kind.String) is { } wrong)
                {
                    return wrong;
                }
            }
            string? method = Text(ScimAttributes.Get(op, "method"));
            if (!string.Equals(method, "POST", StringComparison.OrdinalIgnoreCase))
            {
                return $"{where}.method is '{method}'; bulkUpload takes only 'POST'.";
            }
            string? path = Text(ScimAttributes.Get(op, "path"));
            if (!string.Equals(path, "/Users", StringComparison.OrdinalIgnoreCase))
            {
                return $"{where}.path is '{path}'; bulkUpload takes only '/Users'.";
            }
            if (Text(ScimAttributes.Get(op, "bulkId")) is not { Length: > 0 } bulkId)
            {
                return $"{where} has no bulkId; give each operation a unique bulkId.";
            }
            if (!firstUse.TryAdd(bulkId, i))
            {
                warnings.Add($"{where}.bulkId '{bulkId}' is also the bulkId of Operations[{firstUse[bulkId]}]. Both were accepted and are " +
                    "processed (each by its externalId), but the service documents a bulkId unique in its request: give each operation its own.");
            }
            if (ScimAttributes.Get(op, "data") is not JsonObject data)
            {
                return $"{where} (bulkId '{bulkId}') has no 'data' object.";
            }
            if (ScimAttributes.Get(data, "schemas") is not JsonArray dataSchemas || !dataSchemas.Any(s => s?.GetValueKind() == JsonValueKind.String && (string)s! == CoreUserUrn))
            {
                return $"{where}.data (bulkId '{bulkId}') must list '{CoreUserUrn}' in 'schemas'.";
            }
            JsonNode? externalId = ScimAttributes.Get(data, "externalId");
            if (externalId is null || (externalId.GetValueKind() == JsonValueKind.String && string.IsNullOrWhiteSpace((string?)externalId)))
            {
                return $"{where}.data (bulkId '{bulkId}') has no externalId; every user needs a non-empty externalId (matched to employeeId).";
            }
            if (externalId.GetValueKind() != JsonValueKind.String)
            {
                return $"{where}.data (bulkId '{bulkId}') has externalId {externalId.ToJsonString()}; the schema makes externalId a string: quote it.";
            }
            foreach ((string attribute, Kind kind) in UserAttributeKinds)
            {
                if (WrongType(ScimAttributes.Get(data, attribute), $"{where}.data.{attribute}", "SCIM User", kind) is { } wrong)
                {
                    return wrong;
                }
            }
        }
        operations = ops;
        return null;
    }

    private static readonly (string Attribute, Kind Kind)[] UserAttributeKinds = [("userName", Kind.String), ("displayName", Kind.String), ("active", Kind.Boolean)];

    private enum Kind
    {
        String,
        Boolean,
        Integer,
    }

    // Null when the value is absent, null (unassigned, in SCIM) or of its kind; else the 400 message, naming its path.
    private static string? WrongType(JsonNode? value, string path, string schema, Kind kind)
    {
        bool fits = value is null || kind switch
        {
            Kind.String => value.GetValueKind() == JsonValueKind.String,
            Kind.Boolean => value.GetValueKind() is JsonValueKind.True or JsonValueKind.False,
            _ => value.GetValueKind() == JsonValueKind.Number && value.AsValue().TryGetValue(out int _),
        };
        if (fits)
        {
            return null;
        }
        string shown = value!.ToJsonString();
        shown = shown.Length > 60 ? shown[..60] + "…" : shown;
        string name = path[(path.LastIndexOf('.') + 1)..];
        return kind switch
        {
            Kind.String => $"{path} is {shown}; the {schema} schema makes {name} a string: quote it.",
            Kind.Boolean => $"{path} is {shown}; the {schema} schema makes {name} a boolean: send true or false, without quotes.",
            _ => $"{path} is {shown}; the {schema} schema makes {name} an integer (the number of errors after which the service stops): send a number or leave it out.",
        };
    }

    private static string? Text(JsonNode? node) => node?.GetValueKind() == JsonValueKind.String ? (string?)node : node?.ToJsonString();
}
