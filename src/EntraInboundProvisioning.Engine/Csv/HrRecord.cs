namespace EntraInboundProvisioning.Engine.Csv;

/// <summary>
/// One data row of an HR export: its fields in header order and where it came from.
/// </summary>
public sealed class HrRecord
{
    private readonly string[] _values;

    public HrRecord(HrColumnSet columns, string[] values, string sourceFile, long lineNumber)
    {
        Columns = columns;
        _values = values;
        SourceFile = sourceFile;
        LineNumber = lineNumber;
    }

    public HrColumnSet Columns { get; }

    public string SourceFile { get; }

    /// <summary>The 1-based line of the file where the row starts.</summary>
    public long LineNumber { get; }

    public string Source => $"{SourceFile}:{LineNumber}";

    public string GetValue(int index) => _values[index];

    public void SetValue(int index, string value) => _values[index] = value;

    public bool TryGetValue(string column, out string? value)
    {
        int i = Columns.IndexOf(column);
        value = i >= 0 ? _values[i] : null;
        return i >= 0;
    }

    public override string ToString() => Source;
}
