using EntraInboundProvisioning.Engine.Csv;

namespace EntraInboundProvisioning.Engine.Mapping;

/// <summary>An HR row as the mapping reads it: its columns resolve to indexes once per file.</summary>
public sealed class HrWorkerRecord(HrRecord record) : IWorkerRecord
{
    public HrRecord Record { get; } = record;

    public IEnumerable<string> FieldNames => Record.Columns.Names;

    public string? SourceFile => Record.SourceFile;

    public long LineNumber => Record.LineNumber;

    public object? Shape => Record.Columns;

    public object? GetField(int index) => Record.GetValue(index);

    public int IndexOf(string name) => Record.Columns.IndexOf(name);

    public bool TryGetField(string name, out object? value)
    {
        bool found = Record.TryGetValue(name, out string? text);
        value = text;
        return found;
    }
}
