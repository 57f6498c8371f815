using System.Text;

namespace EntraInboundProvisioning.Engine.Csv;

public sealed class HrCsvOptions
{
    public char Delimiter { get; init; } = ',';

    /// <summary>The encoding when the file has no byte order mark; null means UTF-8.</summary>
    public Encoding? Encoding { get; init; }

    /// <summary>Column names to use instead of a header row: the first line is then data, as with Import-Csv.</summary>
    public IReadOnlyList<string>? Header { get; init; }

    /// <summary>With <see cref="Header"/>: the file's own header row is read and replaced by the given names, not taken as data.</summary>
    public bool ReplaceHeaderRow { get; init; }

    /// <summary>Remove leading and trailing white space from every value.</summary>
    public bool Trim { get; init; }
}
