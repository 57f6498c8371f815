using EntraInboundProvisioning.Engine.Csv;

namespace EntraInboundProvisioning.Engine.Tests.Csv;

public class RepeatedRowFaultSummaryTests
{
    private static CsvRowFault Fault(CsvRowFaultKind kind, string file, int line, int fields) =>
        new(kind, file, line, $"{file}:{line}: the row has {fields} fields but the header has 2.");

    [Fact]
    public void RowsWithTheSameWrongFieldCountAreSaidOnceWithTheirCountAndFirstLines()
    {
        var summary = new RepeatedRowFaultSummary(3);
        bool[] reported = Enumerable.Range(2, 100).Select(line => summary.Add(Fault(CsvRowFaultKind.TooManyFields, "hr.csv", line, 3))).ToArray();

        Assert.Equal([true, true, true], reported[..3]);
        Assert.DoesNotContain(true, reported[3..]);
        CsvRowFault said = Assert.Single(summary.Summaries());
        Assert.Equal(CsvRowFaultKind.TooManyFields, said.Kind);
        Assert.StartsWith("hr.csv: 100 rows were rejected the same way", said.Message);
        Assert.Contains("(lines 2, 3, 4)", said.Message);
        Assert.Contains("the other 97 were not read either", said.Message);
    }

    [Fact]
    public void OtherFieldCountsOtherFilesAndRowFaultsAreReportedOneByOne()
    {
        var summary = new RepeatedRowFaultSummary(1);
        Assert.True(summary.Add(Fault(CsvRowFaultKind.TooManyFields, "a.csv", 2, 3)));
        Assert.True(summary.Add(Fault(CsvRowFaultKind.TooManyFields, "a.csv", 3, 4)));
        Assert.True(summary.Add(Fault(CsvRowFaultKind.TooManyFields, "b.csv", 2, 3)));
        Assert.True(summary.Add(Fault(CsvRowFaultKind.TooFewFields, "a.csv", 4, 1)));
        Assert.All(Enumerable.Range(5, 10), line => Assert.True(summary.Add(new CsvRowFault(CsvRowFaultKind.InvalidBytes, "a.csv", line, $"a.csv:{line}: invalid bytes"))));
        Assert.Empty(summary.Summaries());
    }
}
