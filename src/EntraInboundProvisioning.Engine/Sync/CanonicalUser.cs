using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace EntraInboundProvisioning.Engine.Sync;

/// <summary>
/// What a SCIM user means, apart from how its JSON is written: every value as a (path, value) pair, keys in lower
/// case (SCIM names are case-insensitive) and sorted, strings in Unicode form C, numbers in one notation, nulls
/// dropped, the schemas as a set, no bulkId; a string, a number and a boolean stay apart ("1" is not 1, "true" is not
/// true), since the service takes them as different values. Two users with the same pairs have the same hash, so a
/// release that only reorders or reformats the JSON sends nobody again.
/// </summary>
public static class CanonicalUser
{
    public const int HashLength = 16;

    private const char Tag = '\u0003';

    public static byte[] Hash(ReadOnlySpan<byte> utf8Json)
    {
        var text = new StringBuilder(utf8Json.Length);
        foreach ((string path, string value) in Pairs(utf8Json))
        {
            text.Append(path).Append('\u0001').Append(value).Append('\u0002');
        }
        byte[] digest = SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
        return digest[..HashLength];
    }

    /// <summary>The attributes whose values differ (top-level names; an extension's attributes as urn/name).</summary>
    public static IReadOnlyCollection<string> ChangedAttributes(ReadOnlySpan<byte> before, ReadOnlySpan<byte> after)
    {
        var old = Pairs(before).ToLookup(p => Attribute(p.Path), p => $"{p.Path}\u0001{p.Value}");
        var now = Pairs(after).ToLookup(p => Attribute(p.Path), p => $"{p.Path}\u0001{p.Value}");
        // Named as the JSON spells them, though compared without regard to case.
        var spelled = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach ((string path, _) in Pairs(after, keepCase: true).Concat(Pairs(before, keepCase: true)))
        {
            string name = Attribute(path);
            spelled.TryAdd(name.ToLowerInvariant(), name);
        }
        return old.Select(g => g.Key).Union(now.Select(g => g.Key))
            .Where(name => !old[name].SequenceEqual(now[name]))
            .Select(name => spelled.GetValueOrDefault(name, name))
            .OrderBy(name => name, StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>The sorted (path, value) pairs: paths like name/givenname, emails/0/value.</summary>
    public static List<(string Path, string Value)> Pairs(ReadOnlySpan<byte> utf8Json, bool keepCase = false)
    {
        using JsonDocument document = JsonDocument.Parse(utf8Json.ToArray());
        var pairs = new List<(string, string)>();
        Walk(document.RootElement, "", pairs, keepCase);
        pairs.Sort((a, b) =>
        {
            int byPath = string.CompareOrdinal(a.Item1, b.Item1);
            return byPath != 0 ? byPath : string.CompareOrdinal(a.Item2, b.Item2);
        });
        return pairs;
    }

    private static void Walk(JsonElement element, string path, List<(string, string)> pairs, bool keepCase)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (JsonProperty property in element.EnumerateObject())
                {
                    string key = keepCase ? property.Name : property.Name.ToLowerInvariant();
                    if (path.Length == 0 && key.Equals("bulkid", StringComparison.OrdinalIgnoreCase))
                    {
                        continue;
                    }
                    Walk(property.Value, path.Length == 0 ? key : $"{path}/{key}", pairs, keepCase);
                }
                break;
            case JsonValueKind.Array:
                int index = 0;
                foreach (JsonElement item in element.EnumerateArray())
                {
                    // The schemas are a set; other multi-valued attributes keep their order (primary first, as sent).
                    Walk(item, path.Equals("schemas", StringComparison.OrdinalIgnoreCase) ? path : $"{path}/{index++}", pairs, keepCase);
                }
                break;
            case JsonValueKind.String:
                string text = element.GetString()!.Normalize(NormalizationForm.FormC);
                // A string that spells a boolean, or starts like a tagged value, is tagged: "true" is not true to the service.
                pairs.Add((path, text is "true" or "false" || text.StartsWith(Tag) ? $"{Tag}s{text}" : text));
                break;
            case JsonValueKind.Number:
                // Numbers are tagged, so that 1 and "1" differ; strings stay as they are, which keeps the hashes of
                // states written before numbers and strings were told apart (SCIM users rarely carry numbers).
                pairs.Add((path, Tag + "n" + (element.TryGetDecimal(out decimal number)
                    ? number.ToString("G29", CultureInfo.InvariantCulture)
                    : element.GetDouble().ToString("R", CultureInfo.InvariantCulture))));
                break;
            case JsonValueKind.True:
            case JsonValueKind.False:
                pairs.Add((path, element.ValueKind == JsonValueKind.True ? "true" : "false"));
                break;
        }
    }

    private static string Attribute(string path)
    {
        int slash = path.IndexOf('/');
        if (slash < 0)
        {
            return path;
        }
        if (!path.StartsWith("urn:", StringComparison.Ordinal))
        {
            return path[..slash];
        }
        int next = path.IndexOf('/', slash + 1);
        return next < 0 ? path : path[..next];
    }
}
