using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace EntraInboundProvisioning.Engine.Batching;

/// <summary>
/// Names, recognises and reads the files New-ScimBulkRequest -OutFolder saves, to send them later: bulk-00001.json,
/// and bulk-00002.w1.json for a request of a later wave (managers first), since the sender must keep waves apart and a
/// payload has no place of its own for one.
/// </summary>
public static partial class BulkRequestFile
{
    public static string FileName(ScimBulkRequest request) =>
        request.Wave == 0 ? $"bulk-{request.Index:D5}.json" : $"bulk-{request.Index:D5}.w{request.Wave}.json";

    [GeneratedRegex(@"^bulk-\d{5,}(\.w(?<wave>\d+))?\.json$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Name();

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
            Match name = Name().Match(Path.GetFileName(path));
            return new ScimBulkRequest(index, ids, ids.Select(_ => (string?)path).ToArray(), json)
            {
                Wave = name.Groups["wave"].Success ? int.Parse(name.Groups["wave"].Value, CultureInfo.InvariantCulture) : 0,
            };
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path} is not a bulk request: {ex.Message}", ex);
        }
    }
}
