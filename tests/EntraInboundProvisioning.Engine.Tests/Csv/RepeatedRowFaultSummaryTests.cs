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
        RowsRejectedAlike said = Assert.Single(summary.Summaries());
        Assert.Equal(CsvRowFaultKind.TooManyFields, said.Kind);
        Assert.Equal(100, said.RowCount);
        Assert.Equal(3, said.ReportedOneByOne);
        Assert.Equal(Enumerable.Range(2, 100).Select(line => (long)line), said.LineNumbers);
        Assert.Equal("2-101", said.Lines);
        Assert.StartsWith("hr.csv: 100 rows were rejected the same way, at lines 2-101; the first 3 were also reported one by one", said.Message);
        Assert.EndsWith("The first: hr.csv:2: the row has 3 fields but the header has 2.", said.Message);
    }

    [Fact]
    public void AFewFaultyRowsAmongManyAreEachNamed()
    {
        // Unquoted commas in 8 addresses of a 1000-row file: every one of the 8 lines is named, not only the first 5.
        long[] faulty = [12, 13, 14, 480, 610, 611, 902, 1001];
        var summary = new RepeatedRowFaultSummary();
        foreach (long line in faulty)
        {
            summary.Add(Fault(CsvRowFaultKind.TooManyFields, "hr.csv", (int)line, 4));
        }

        RowsRejectedAlike said = Assert.Single(summary.Summaries());
        Assert.Equal(faulty, said.LineNumbers);
        Assert.Equal("12-14, 480, 610-611, 902, 1001", said.Lines);
        Assert.Contains("at lines 12-14, 480, 610-611, 902, 1001;", said.Message);
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
