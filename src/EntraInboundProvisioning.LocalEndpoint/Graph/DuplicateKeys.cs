using System.Text.Json;

namespace EntraInboundProvisioning.LocalEndpoint.Graph;

/// <summary>
/// Finds a key given twice in one JSON object: such a payload cannot be read one way (which value is meant?), and
/// JsonNode would fail on it only when the object is first read, long after the upload was accepted.
/// </summary>
public static class DuplicateKeys
{
    /// <summary>The path of the first key that its object names twice ($.Operations[1].data.externalId), or null; the JSON must be valid.</summary>
    public static string? FindFirst(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        var open = new Stack<Container>();
        string? property = null;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    property = reader.GetString()!;
                    if (!open.Peek().Keys!.Add(property))
                    {
                        return $"{open.Peek().Path}.{property}";
                    }
                    break;
                case JsonTokenType.StartObject:
                    open.Push(new Container(PathOfValue(open, property), new HashSet<string>(StringComparer.Ordinal)));
                    break;
                case JsonTokenType.StartArray:
                    open.Push(new Container(PathOfValue(open, property), null));
                    break;
                case JsonTokenType.EndObject:
                case JsonTokenType.EndArray:
                    open.Pop();
                    break;
                default:
                    PathOfValue(open, property);
                    break;
            }
        }
        return null;
    }

    // A value's path; in an array, reading it counts it.
    private static string PathOfValue(Stack<Container> open, string? property)
    {
        if (open.Count == 0)
        {
            return "$";
        }
        Container parent = open.Peek();
        return parent.Keys is null ? $"{parent.Path}[{parent.Count++}]" : $"{parent.Path}.{property}";
    }

    private sealed class Container(string path, HashSet<string>? keys)
    {
        public string Path { get; } = path;

        /// <summary>The keys seen so far in an object; null for an array.</summary>
        public HashSet<string>? Keys { get; } = keys;

        public int Count { get; set; }
    }
}
