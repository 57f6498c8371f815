namespace EntraInboundProvisioning.Engine.Csv;

/// <summary>A fault that makes a whole file unreadable: nothing of it can be trusted.</summary>
public sealed class CsvFileException : Exception
{
    public CsvFileException(CsvFileFaultKind kind, string sourceFile, long lineNumber, string message, Exception? inner = null)
        : base(message, inner)
    {
        Kind = kind;
        SourceFile = sourceFile;
        LineNumber = lineNumber;
    }

    public CsvFileFaultKind Kind { get; }

    public string SourceFile { get; }

    /// <summary>The 1-based line at fault, or 0 when the fault is not on a line.</summary>
    public long LineNumber { get; }
}
