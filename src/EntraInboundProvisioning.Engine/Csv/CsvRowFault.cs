namespace EntraInboundProvisioning.Engine.Csv;

/// <summary>A row that could not be read; the rows after it still are.</summary>
public sealed record CsvRowFault(CsvRowFaultKind Kind, string SourceFile, long LineNumber, string Message)
{
    public string Source => $"{SourceFile}:{LineNumber}";
}
