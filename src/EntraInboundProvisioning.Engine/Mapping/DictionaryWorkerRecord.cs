namespace EntraInboundProvisioning.Engine.Mapping;

/// <summary>A record held as name/value pairs (hashtables, objects whose properties were read once).</summary>
public sealed class DictionaryWorkerRecord : IWorkerRecord
{
    private readonly IReadOnlyDictionary<string, object?> _fields;

    public DictionaryWorkerRecord(IEnumerable<KeyValuePair<string, object?>> fields, string? sourceFile = null, long lineNumber = 0)
    {
        var dictionary = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (KeyValuePair<string, object?> field in fields)
        {
            dictionary[field.Key] = field.Value;
        }
        _fields = dictionary;
        SourceFile = sourceFile;
        LineNumber = lineNumber;
    }

    public IEnumerable<string> FieldNames => _fields.Keys;

    public string? SourceFile { get; }

    public long LineNumber { get; }

    public object? Shape => null;

    public object? GetField(int index) => throw new NotSupportedException("A dictionary record has no indexes.");

    public int IndexOf(string name) => -1;

    public bool TryGetField(string name, out object? value) => _fields.TryGetValue(name, out value);
}
