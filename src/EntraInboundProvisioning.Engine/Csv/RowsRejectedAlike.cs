namespace EntraInboundProvisioning.Engine.Csv;

/// <summary>
/// Rows of one file rejected by the same mistake (the same wrong number of fields), said once: how many, every line,
/// and how many of them were also reported one by one, so that a script adds <see cref="RowCount"/> minus
/// <see cref="ReportedOneByOne"/> to the row errors it counted.
/// </summary>
public sealed record RowsRejectedAlike(CsvRowFaultKind Kind, string SourceFile, long RowCount, int ReportedOneByOne, IReadOnlyList<long> LineNumbers, string Lines, string Message)
{
    public override string ToString() => $"{SourceFile}: lines {Lines}";
}
