using System.Text.Json;

namespace EntraInboundProvisioning.LocalEndpoint.Graph;

/// <summary>
/// Finds what JSON that parsed still cannot be read one way: a key given twice in one object (which value is meant?),
/// and text that is not valid UTF-8 or holds a lone surrogate escape. JsonNode would fail on either only when the value
/// is first read, long after the upload was accepted.
/// </summary>
public static class StrictJson
{
    /// <summary>The first problem, or null; the JSON must be valid.</summary>
    /// <param name="ignoreKeyCase">Keys equal but for case are duplicates too, as SCIM attribute names ignore case.</param>
    public static JsonProblem? FindFirst(ReadOnlySpan<byte> json, bool ignoreKeyCase = false)
    {
        var reader = new Utf8JsonReader(json);
        var open = new Stack<Container>();
        string? property = null;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    Container parent = open.Peek();
                    if (Read(ref reader) is not { } key)
                    {
                        return new JsonProblem(parent.Path, $"a key of {parent.Path} {NotText}");
                    }
                    property = key;
                    if (parent.Keys!.TryGetValue(key, out string? first))
                    {
                        string path = $"{parent.Path}.{key}";
                        return new JsonProblem(path, first == key
                            ? $"{path} is given twice in one object. Give each key once."
                            : $"{path} is given twice in one object, as '{first}' and '{key}' (SCIM attribute names ignore case). Give each key once.");
                    }
                    parent.Keys.Add(key, key);
                    break;
                case JsonTokenType.StartObject:
                    open.Push(new Container(PathOfValue(open, property),
                        new Dictionary<string, string>(ignoreKeyCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal)));
                    break;
                case JsonTokenType.StartArray:
                    open.Push(new Container(PathOfValue(open, property), null));
                    break;
                case JsonTokenType.EndObject:
                case JsonTokenType.EndArray:
                    open.Pop();
                    break;
                case JsonTokenType.String:
                    string valuePath = PathOfValue(open, property);
                    if (Read(ref reader) is null)
                    {
                        return new JsonProblem(valuePath, $"{valuePath} {NotText}");
                    }
                    break;
                default:
                    PathOfValue(open, property);
                    break;
            }
        }
        return null;
    }

    private const string NotText = "is not valid UTF-8 text (it holds bytes that are not UTF-8, or a \\u escape of half a surrogate pair). " +
        "Send UTF-8, and escape a character outside the BMP as both halves of its surrogate pair.";

    private static string? Read(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
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

    private sealed class Container(string path, Dictionary<string, string>? keys)
    {
        public string Path { get; } = path;

        /// <summary>The keys seen so far in an object, each to its first spelling; null for an array.</summary>
        public Dictionary<string, string>? Keys { get; } = keys;

        public int Count { get; set; }
    }
}
