using EntraInboundProvisioning.Engine.Faults;

namespace EntraInboundProvisioning.Engine.Csv;

/// <summary>
/// Keeps a mistake that hits every row of a file the same way (a trailing delimiter giving each row one field more
/// than the header) from flooding the error stream: rows of one file with the same wrong number of fields are reported
/// one by one up to a few, the rest counted, and <see cref="Summaries"/> then says once how many there were and names
/// every one of their lines, as ranges, so that a few faulty rows among many can still be found. No faulted row is
/// ever read as a row.
/// </summary>
public sealed class RepeatedRowFaultSummary(int reportedOneByOne = RepeatedRowFaultSummary.DefaultReportedOneByOne)
{
    public const int DefaultReportedOneByOne = 5;

    private readonly RepeatedFaultGroups<(CsvRowFaultKind, string, string), CsvRowFault> _groups = new(reportedOneByOne);
    private readonly Dictionary<(CsvRowFaultKind, string, string), LineRanges> _lines = [];

    /// <summary>
    /// Counts a fault; returns whether it is among the first of its kind in its file, to be reported one by one. Only a
    /// wrong number of fields is the whole file's mistake; every other fault (invalid bytes, a record too large) is a
    /// row's own, and each is reported.
    /// </summary>
    public bool Add(CsvRowFault fault)
    {
        if (fault.Kind is not (CsvRowFaultKind.TooManyFields or CsvRowFaultKind.TooFewFields))
        {
            return true;
        }
        var key = KeyOf(fault);
        if (!_lines.TryGetValue(key, out LineRanges? lines))
        {
            _lines.Add(key, lines = new LineRanges());
        }
        lines.Add(fault.LineNumber);
        return _groups.Add(key, fault, null);
    }

    /// <summary>One summary for each mistake that hit more rows than were reported one by one.</summary>
    public IEnumerable<RowsRejectedAlike> Summaries() => _groups.Repeated.Select(g =>
    {
        LineRanges lines = _lines[KeyOf(g.First)];
        return new RowsRejectedAlike(g.First.Kind, g.First.SourceFile, g.Count, reportedOneByOne, [.. lines.Lines], lines.ToString(),
            $"{g.First.SourceFile}: {g.Count} rows were rejected the same way, at lines {lines}; the first {reportedOneByOne} were also " +
            $"reported one by one, and none of them was read. When most rows fail alike, the mistake is in the whole file (a trailing " +
            $"delimiter, the wrong -Delimiter); when a few do, fix those lines. The first: {g.First.Message}");
    });

    private static (CsvRowFaultKind, string, string) KeyOf(CsvRowFault fault) => (fault.Kind, fault.SourceFile, WithoutPlace(fault));

    private static string WithoutPlace(CsvRowFault fault)
    {
        string place = $"{fault.SourceFile}:{fault.LineNumber}: ";
        return fault.Message.StartsWith(place, StringComparison.Ordinal) ? fault.Message[place.Length..] : fault.Message;
    }
}
