using EntraInboundProvisioning.Engine.Faults;

namespace EntraInboundProvisioning.Engine.Csv;

/// <summary>
/// Keeps a mistake that hits every row of a file the same way (a trailing delimiter giving each row one field more
/// than the header) from flooding the error stream: rows of one file with the same wrong number of fields are reported one by one up to a few, the rest counted, and <see cref="Summaries"/> then says once how many
/// there were and where the first were. No faulted row is ever read as a row.
/// </summary>
public sealed class RepeatedRowFaultSummary(int reportedOneByOne = RepeatedRowFaultSummary.DefaultReportedOneByOne)
{
    public const int DefaultReportedOneByOne = 5;

    private readonly RepeatedFaultGroups<(CsvRowFaultKind, string, string), CsvRowFault> _groups = new(reportedOneByOne);

    /// <summary>
    /// Counts a fault; returns whether it is among the first of its kind in its file, to be reported one by one. Only a
    /// wrong number of fields is the whole file's mistake; every other fault (invalid bytes, a record too large) is a
    /// row's own, and each is reported.
    /// </summary>
    public bool Add(CsvRowFault fault) => fault.Kind is not (CsvRowFaultKind.TooManyFields or CsvRowFaultKind.TooFewFields) || _groups.Add((fault.Kind, fault.SourceFile, WithoutPlace(fault)), fault, fault.LineNumber.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>One fault for each mistake that hit more rows than were reported one by one.</summary>
    public IEnumerable<CsvRowFault> Summaries() => _groups.Repeated.Select(g =>
        g.First with
        {
            Message = $"{g.First.SourceFile}: {g.Count} rows were rejected the same way; the first {reportedOneByOne} were reported one by one " +
                $"(lines {string.Join(", ", g.Sources)}) and the other {g.Count - reportedOneByOne} were not read either. So many rows failing " +
                $"alike usually means a mistake in the whole file, not in the rows. The first: {g.First.Message}",
        });

    private static string WithoutPlace(CsvRowFault fault)
    {
        string place = $"{fault.SourceFile}:{fault.LineNumber}: ";
        return fault.Message.StartsWith(place, StringComparison.Ordinal) ? fault.Message[place.Length..] : fault.Message;
    }
}
