using EntraInboundProvisioning.Engine.Csv;

namespace EntraInboundProvisioning.Adapters;

/// <summary>
/// What Import-HrCsv writes to the pipeline: an engine row, in a type that PowerShell can name. Types of the
/// module's load context cannot carry a type adapter, since PowerShell resolves adapter targets by name in the
/// default context only.
/// </summary>
public sealed class HrRow
{
    public HrRow(HrRecord record) => Record = record;

    // Internal, and the source given by methods, so that a row's properties are its columns and nothing else.
    internal HrRecord Record { get; }

    public string GetSourceFile() => Record.SourceFile;

    public long GetLineNumber() => Record.LineNumber;

    public override string ToString() => Record.Source;
}
