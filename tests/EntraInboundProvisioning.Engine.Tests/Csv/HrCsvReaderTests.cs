using System.Text;
using EntraInboundProvisioning.Engine.Csv;

namespace EntraInboundProvisioning.Engine.Tests.Csv;

public class HrCsvReaderTests
{
    private static List<CsvReadResult> ReadAll(string path, HrCsvOptions? options = null) =>
        new HrCsvReader(path, options).Read().ToList();

    private static List<HrRecord> Records(IEnumerable<CsvReadResult> results) =>
        results.Where(r => r.Record is not null).Select(r => r.Record!).ToList();

    [SharedAnchorsTheory]
    [InlineData("csv-with-1000-records.csv", 1000)]
    [InlineData("csv-with-2-records.csv", 2)]
    [InlineData("employeeData.csv", 332)]
    [InlineData("contractorData.csv", 331)]
    [InlineData("internData.csv", 337)]
    [InlineData("csv-with-5-records.txt", 5)]
    public void ReadsEverySampleRow(string file, int rows)
    {
        var reader = new HrCsvReader(TestPaths.Sample(file));
        List<CsvReadResult> results = reader.Read().ToList();

        Assert.All(results, r => Assert.Null(r.Fault));
        Assert.Equal(rows, results.Count);
        Assert.Equal(rows, reader.RowsRead);
        Assert.Equal(24, reader.Columns!.Count);
        Assert.Equal("WorkerID", reader.Columns.Names[0]);
        Assert.Equal(2, results[0].Record!.LineNumber);
        Assert.Equal(rows + 1, results[^1].Record!.LineNumber);
    }

    [SharedAnchorsFact]
    public void QuotedSampleHeadersAndValuesLoseTheirQuotes()
    {
        HrRecord first = Records(ReadAll(TestPaths.Sample("employeeData.csv")))[0];

        Assert.Equal("WorkerID", first.Columns.Names[0]);
        Assert.Equal("1513", first.GetValue(0));
        Assert.True(first.TryGetValue("fullname", out string? fullName));
        Assert.Equal("Ginnie Fadiman", fullName);
    }

    [SharedAnchorsFact]
    public void ValuesAreKeptAsWrittenUnlessTrimmed()
    {
        string path = TestPaths.Sample("csv-with-5-records.txt");
        Assert.Equal("71677 ", Records(ReadAll(path))[^1].GetValue(23));
        Assert.Equal("71677", Records(ReadAll(path, new HrCsvOptions { Trim = true }))[^1].GetValue(23));
    }

    [Fact]
    public void QuotedFieldsKeepDelimitersQuotesAndLineBreaks()
    {
        using var file = new TempFile("Id,Name,Note\r\n1,\"Smith, Jane\",\"said \"\"hi\"\"\"\r\n2,Bob,\"two\nlines\"\r\n3,Eve,last");
        List<CsvReadResult> results = ReadAll(file.Path);
        List<HrRecord> records = Records(results);

        Assert.Equal(3, records.Count);
        Assert.Equal("Smith, Jane", records[0].GetValue(1));
        Assert.Equal("said \"hi\"", records[0].GetValue(2));
        Assert.Equal("two\nlines", records[1].GetValue(2));
        Assert.Equal(new long[] { 2, 3, 5 }, records.Select(r => r.LineNumber));
        Assert.Equal("last", records[2].GetValue(2));
    }

    [Theory]
    [InlineData(';', "Id;Name\n1;Ann\n")]
    [InlineData('\t', "Id\tName\n1\tAnn\n")]
    public void OtherDelimiters(char delimiter, string content)
    {
        using var file = new TempFile(content);
        HrRecord record = Records(ReadAll(file.Path, new HrCsvOptions { Delimiter = delimiter })).Single();
        Assert.Equal("Ann", record.GetValue(1));
    }

    [Fact]
    public void Utf8BomAndUtf16BomAreDetected()
    {
        using var utf8 = new TempFile("Id,Name\n1,Zoë\n", new UTF8Encoding(true));
        using var utf16 = new TempFile("Id,Name\n1,Zoë\n", Encoding.Unicode);

        Assert.Equal("Id", Records(ReadAll(utf8.Path)).Single().Columns.Names[0]);
        Assert.Equal("Zoë", Records(ReadAll(utf8.Path)).Single().GetValue(1));
        Assert.Equal("Zoë", Records(ReadAll(utf16.Path)).Single().GetValue(1));
    }

    [Theory]
    [InlineData("windows-1252", new byte[] { 0x80 }, "€")]
    [InlineData("latin1", new byte[] { 0xEB }, "ë")]
    public void NamedSingleByteEncodings(string name, byte[] nameBytes, string expected)
    {
        byte[] content = Encoding.ASCII.GetBytes("Id,Name\n1,").Concat(nameBytes).Concat("\n"u8.ToArray()).ToArray();
        using var file = new TempFile(content);

        HrRecord record = Records(ReadAll(file.Path, new HrCsvOptions { Encoding = HrCsvEncoding.Resolve(name) })).Single();
        Assert.Equal(expected, record.GetValue(1));
    }

    [Fact]
    public void UnknownEncodingNameListsTheKnownOnes()
    {
        var ex = Assert.Throws<ArgumentException>(() => HrCsvEncoding.Resolve("ebcdic"));
        Assert.Contains("windows-1252", ex.Message);
    }

    [Fact]
    public void SuppliedHeaderMakesTheFirstLineData()
    {
        using var file = new TempFile("1,Ann\n2,Bob\n");
        List<HrRecord> records = Records(ReadAll(file.Path, new HrCsvOptions { Header = ["Id", "Name"] }));

        Assert.Equal(2, records.Count);
        Assert.Equal(1, records[0].LineNumber);
        Assert.Equal("Bob", records[1].GetValue(1));
    }

    [Fact]
    public void ASuppliedHeaderCanReplaceTheFilesOwn()
    {
        using var file = new TempFile("Emp #,Full name\n1,Ann\n");
        var reader = new HrCsvReader(file.Path, new HrCsvOptions { Header = ["Id", "Name"], ReplaceHeaderRow = true });
        HrRecord record = Records(reader.Read()).Single();

        Assert.Equal(["Id", "Name"], record.Columns.Names);
        Assert.Equal("Ann", record.GetValue(1));
        Assert.Equal(2, record.LineNumber);
    }

    [Fact]
    public void MissingFileIsAFileFault()
    {
        var ex = Assert.Throws<CsvFileException>(() => ReadAll("/nonexistent/hr.csv"));
        Assert.Equal(CsvFileFaultKind.FileNotFound, ex.Kind);
        Assert.Contains("/nonexistent/hr.csv", ex.Message);
    }

    [Fact]
    public void AFolderIsAFileFaultThatSaysHowToReadItsFiles()
    {
        var ex = Assert.Throws<CsvFileException>(() => ReadAll(TestPaths.OwnSamples));
        Assert.Contains("is a folder", ex.Message);
        Assert.Contains("Get-ChildItem", ex.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n")]
    public void EmptyFileIsAFileFault(string content)
    {
        using var file = new TempFile(content);
        var ex = Assert.Throws<CsvFileException>(() => ReadAll(file.Path));
        Assert.Equal(CsvFileFaultKind.EmptyFile, ex.Kind);
        Assert.Contains(file.Path, ex.Message);
    }

    [Fact]
    public void HeaderOnlyFileHasNoRowsAndSaysSo()
    {
        using var file = new TempFile("Id,Name\n");
        var reader = new HrCsvReader(file.Path);
        Assert.Empty(reader.Read().ToList());
        Assert.True(reader.HeaderOnly);
    }

    [Fact]
    public void DuplicateHeaderNamesAreAFileFaultNamingBothColumns()
    {
        using var file = new TempFile("Id,Name,name\n1,a,b\n");
        var ex = Assert.Throws<CsvFileException>(() => ReadAll(file.Path));
        Assert.Equal(CsvFileFaultKind.DuplicateHeaderName, ex.Kind);
        Assert.Equal(1, ex.LineNumber);
        Assert.Contains("columns 2 and 3", ex.Message);
    }

    [Fact]
    public void EmptyHeaderNameIsAFileFault()
    {
        using var file = new TempFile("Id,,Name\n1,a,b\n");
        var ex = Assert.Throws<CsvFileException>(() => ReadAll(file.Path));
        Assert.Equal(CsvFileFaultKind.EmptyHeaderName, ex.Kind);
        Assert.Contains("column 2", ex.Message);
    }

    [Fact]
    public void RowsWithTooManyOrTooFewFieldsAreFaultsAndTheRestFlow()
    {
        using var file = new TempFile("Id,Name\n1,Ann\n2,Bob,extra\n3\n4,Dan\n");
        var reader = new HrCsvReader(file.Path);
        List<CsvReadResult> results = reader.Read().ToList();

        Assert.Equal(4, results.Count);
        Assert.Equal(CsvRowFaultKind.TooManyFields, results[1].Fault!.Kind);
        Assert.Equal(3, results[1].Fault!.LineNumber);
        Assert.Contains(":3:", results[1].Fault!.Message);
        Assert.Equal(CsvRowFaultKind.TooFewFields, results[2].Fault!.Kind);
        Assert.Equal(4, results[2].Fault!.LineNumber);
        Assert.Equal("Dan", results[3].Record!.GetValue(1));
        Assert.Equal(2, reader.RowsRead);
        Assert.Equal(2, reader.RowsRejected);
    }

    [Fact]
    public void UnterminatedQuoteIsAFaultAndTheLinesAfterItAreReadAgain()
    {
        using var file = new TempFile("Id,Name\n1,Ann\n2,\"Bob\n3,Cy\n4,Dan");
        List<CsvReadResult> results = ReadAll(file.Path);

        CsvRowFault fault = Assert.Single(results, r => r.Fault is not null).Fault!;
        Assert.Equal(CsvRowFaultKind.UnterminatedQuote, fault.Kind);
        Assert.Equal(3, fault.LineNumber);
        List<HrRecord> records = Records(results);
        Assert.Equal(new[] { "1", "3", "4" }, records.Select(r => r.GetValue(0)));
        Assert.Equal(new long[] { 2, 4, 5 }, records.Select(r => r.LineNumber));
    }

    [Fact]
    public void StrayQuoteInAnUnquotedValueIsKeptAsWritten()
    {
        using var file = new TempFile("Id,Height\n1,5'10\"\n");
        Assert.Equal("5'10\"", Records(ReadAll(file.Path)).Single().GetValue(1));
    }

    [Fact]
    public void InvalidUtf8BytesRejectTheirRowOnly()
    {
        byte[] content = Encoding.ASCII.GetBytes("Id,Name\n1,Ann\n2,B")
            .Concat(new byte[] { 0xFF, 0xFE, 0x41 })
            .Concat(Encoding.ASCII.GetBytes("\n3,Cy\n")).ToArray();
        using var file = new TempFile(content);
        List<CsvReadResult> results = ReadAll(file.Path);

        Assert.Equal(3, results.Count);
        Assert.Equal(CsvRowFaultKind.InvalidBytes, results[1].Fault!.Kind);
        Assert.Equal(3, results[1].Fault!.LineNumber);
        Assert.Contains("-Encoding", results[1].Fault!.Message);
        Assert.Equal("Cy", results[2].Record!.GetValue(1));
    }

    [Fact]
    public void CrLfAndLfAndNoFinalNewlineGiveTheSameRows()
    {
        using var crlf = new TempFile("Id,Name\r\n1,Ann\r\n2,Bob\r\n");
        using var lf = new TempFile("Id,Name\n1,Ann\n2,Bob");
        Assert.Equal(
            Records(ReadAll(crlf.Path)).Select(r => r.GetValue(1)),
            Records(ReadAll(lf.Path)).Select(r => r.GetValue(1)));
        Assert.Equal("Bob", Records(ReadAll(crlf.Path))[1].GetValue(1));
    }

    [Fact]
    public void CancellationStopsReading()
    {
        using var cts = new CancellationTokenSource();
        var reader = new HrCsvReader(TestPaths.OwnSample("workers.csv"));
        int read = 0;
        Assert.Throws<OperationCanceledException>(() =>
        {
            foreach (CsvReadResult _ in reader.Read(cts.Token))
            {
                if (++read == 10)
                {
                    cts.Cancel();
                }
            }
        });
        Assert.Equal(10, read);
    }
}
