using System.Text.Json.Nodes;

namespace EntraInboundProvisioning.LocalEndpoint.Graph;

/// <summary>
/// Reads SCIM attributes by name without regard to case, as RFC 7643 (section 2.1) says they are named:
/// Microsoft's own example requests send "username" for userName.
/// </summary>
public static class ScimAttributes
{
    public static JsonNode? Get(JsonNode? node, string name)
    {
        if (node is not JsonObject obj)
        {
            return null;
        }
        if (obj.TryGetPropertyValue(name, out JsonNode? exact))
        {
            return exact;
        }
        foreach ((string key, JsonNode? value) in obj)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }
        return null;
    }
}
