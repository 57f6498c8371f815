using System.Text.Json;

namespace EntraInboundProvisioning.Engine.Batching;

/// <summary>Reads a bulk request that New-ScimBulkRequest -OutFolder saved, to send it later.</summary>
public static class BulkRequestFile
{
    public static ScimBulkRequest Read(string path, int index)
    {
        byte[] json = File.ReadAllBytes(path);
        try
        {
            using JsonDocument doc = JsonDocument.Parse(json);
            var ids = new List<string>();
            if (doc.RootElement.TryGetProperty("Operations", out JsonElement operations) && operations.ValueKind == JsonValueKind.Array)
            {
                foreach (JsonElement op in operations.EnumerateArray())
                {
                    ids.Add(op.TryGetProperty("data", out JsonElement data) && data.TryGetProperty("externalId", out JsonElement id) ? id.ToString() : "");
                }
            }
            return new ScimBulkRequest(index, ids, ids.Select(_ => (string?)path).ToArray(), json);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path} is not a bulk request: {ex.Message}", ex);
        }
    }
}
