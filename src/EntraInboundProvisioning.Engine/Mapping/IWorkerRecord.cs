namespace EntraInboundProvisioning.Engine.Mapping;

/// <summary>One worker from any system of record, as the mapping reads it.</summary>
public interface IWorkerRecord
{
    /// <summary>The value of a column or property, matched case-insensitively.</summary>
    bool TryGetField(string name, out object? value);

    /// <summary>
    /// Whether code such as a scriptblock can read a member of this name: a field, or (for objects) any other
    /// property the record's object has.
    /// </summary>
    bool HasMember(string name) => TryGetField(name, out _);

    /// <summary>The names of the columns or properties, for messages that suggest one.</summary>
    IEnumerable<string> FieldNames { get; }

    /// <summary>The file the record came from, or null when that is not known.</summary>
    string? SourceFile { get; }

    /// <summary>The 1-based line the record starts on, or 0 when that is not known.</summary>
    long LineNumber { get; }

    /// <summary>Identifies records that share their columns (one file), so that a column is resolved once per shape.</summary>
    object? Shape { get; }

    /// <summary>The value of the field at an index that <see cref="IndexOf"/> gave for this shape.</summary>
    object? GetField(int index);

    /// <summary>The index of a field for this shape, or -1 when the record has no indexes.</summary>
    int IndexOf(string name);
}
