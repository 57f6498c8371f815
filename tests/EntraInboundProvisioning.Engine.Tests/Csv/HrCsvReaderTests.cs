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
    public void EveryRowWithInvalidBytesIsAFaultNamingItsLine()
    {
        byte[] content = Encoding.ASCII.GetBytes("Id,Name\n")
            .Concat(Encoding.Latin1.GetBytes("2,Zoë\n3,José\n4,Ångström\n"))
            .Concat(Encoding.UTF8.GetBytes("5,Zoë\n")).ToArray();
        using var file = new TempFile(content);
        List<CsvReadResult> results = ReadAll(file.Path);

        Assert.Equal(new long[] { 2, 3, 4 }, results.Where(r => r.Fault is not null).Select(r => r.Fault!.LineNumber));
        Assert.All(results.Where(r => r.Fault is not null), r => Assert.Equal(CsvRowFaultKind.InvalidBytes, r.Fault!.Kind));
        HrRecord good = Assert.Single(Records(results));
        Assert.Equal(5, good.LineNumber);
        Assert.Equal("Zoë", good.GetValue(1));
    }

    [Fact]
    public void InvalidBytesInTheHeaderAreAFileFault()
    {
        using var file = new TempFile(Encoding.Latin1.GetBytes("Id,Prénom\n1,Ann\n"));
        var ex = Assert.Throws<CsvFileException>(() => ReadAll(file.Path));
        Assert.Equal(CsvFileFaultKind.WrongEncoding, ex.Kind);
        Assert.Contains("-Encoding", ex.Message);
        Assert.Equal("Prénom", new HrCsvReader(file.Path, new HrCsvOptions { Encoding = Encoding.Latin1 }).Read().Single().Record!.Columns.Names[1]);
    }

    [Fact]
    public void InvalidBytesFarApartInALargeFileAreEachFoundOnTheirLine()
    {
        var text = new StringBuilder("Id,Name,Note\n");
        for (int line = 2; line <= 9000; line++)
        {
            text.Append(line).Append(",Zoë ").Append(line).Append(",\"multi\nline\"\n");
        }
        byte[] content = Encoding.UTF8.GetBytes(text.ToString());
        // Lines count the ones inside quotes too: the record numbered n starts on line 2n - 2.
        int[] badRecords = [2, 2501, 5000, 8999]; // on lines 2, 5000, 9998 and 17996
        foreach (int record in badRecords)
        {
            string marker = $"\n{record},Zo";
            int at = IndexOf(content, Encoding.ASCII.GetBytes(marker)) + marker.Length;
            content[at] = 0xEB;
            content[at + 1] = (byte)'!';
        }
        using var file = new TempFile(content);
        var reader = new HrCsvReader(file.Path);
        List<CsvReadResult> results = reader.Read().ToList();

        Assert.Equal(badRecords.Select(n => 2L * n - 2), results.Where(r => r.Fault is not null).Select(r => r.Fault!.LineNumber));
        Assert.Equal(9000 - 1 - badRecords.Length, reader.RowsRead);
        Assert.DoesNotContain(Records(results), r => Enumerable.Range(0, 3).Any(i => r.GetValue(i).Contains('\uFFFD') || r.GetValue(i).Contains('\u001A')));
        Assert.Equal("Zoë 2502", Records(results).Single(r => r.GetValue(0) == "2502").GetValue(1));
    }

    [Fact]
    public void AnInvalidByteOnTheSecondLineOfAQuotedValueFaultsTheRecordOnItsFirstLine()
    {
        byte[] content = Encoding.ASCII.GetBytes("Id,Note\n1,\"one\ntw")
            .Concat(new byte[] { 0xC3, 0x28 })
            .Concat(Encoding.ASCII.GetBytes("o\"\n2,fine\n")).ToArray();
        using var file = new TempFile(content);
        List<CsvReadResult> results = ReadAll(file.Path);

        Assert.Equal(2, results[0].Fault!.LineNumber);
        Assert.Equal(CsvRowFaultKind.InvalidBytes, results[0].Fault!.Kind);
        Assert.Equal(4, results[1].Record!.LineNumber);
    }

    [Fact]
    public void CharactersSplitBetweenReadsAreNotInvalid()
    {
        // The CR LF header puts every two-byte 'é' at an odd offset, so one of them straddles each 64 KiB boundary.
        string name = new('é', 1000);
        var text = new StringBuilder("Id,Name\r\n");
        for (int i = 0; i < 200; i++)
        {
            text.Append("1,").Append(name).Append('\n');
        }
        using var file = new TempFile(text.ToString());
        List<CsvReadResult> results = ReadAll(file.Path);

        Assert.All(results, r => Assert.Null(r.Fault));
        Assert.All(Records(results), r => Assert.Equal(name, r.GetValue(1)));
    }

    [Fact]
    public void InvalidUtf16IsAFaultOnItsRow()
    {
        byte[] content = Encoding.Unicode.GetPreamble()
            .Concat(Encoding.Unicode.GetBytes("Id,Name\n1,Ann\n2,B"))
            .Concat(new byte[] { 0x00, 0xD8 })
            .Concat(Encoding.Unicode.GetBytes("b\n3,Cy\n")).ToArray();
        using var file = new TempFile(content);
        List<CsvReadResult> results = ReadAll(file.Path);

        Assert.Equal(3, Assert.Single(results, r => r.Fault is not null).Fault!.LineNumber);
        Assert.Contains("utf-16", Assert.Single(results, r => r.Fault is not null).Fault!.Message);
        Assert.Equal(new[] { "Ann", "Cy" }, Records(results).Select(r => r.GetValue(1)));
    }

    [Fact]
    public void AQuotedFieldLargerThanTheLimitIsOneFaultAndReadingGoesOnAfterIt()
    {
        const int insideLines = 12 * 1024 * 1024 / 24;
        string path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"eip-{Guid.NewGuid():N}.csv");
        try
        {
            using (var writer = new StreamWriter(path, false, new UTF8Encoding(false)))
            {
                writer.Write("WorkerID,Name,Notes\n1,Ann,short\n2,Bob,\"notes start\n");
                for (int i = 0; i < insideLines; i++)
                {
                    writer.Write("99,Mallory,\"\"quoted\"\"\n");
                }
                writer.Write("end of notes\"\n3,Cy,ok\n\n4,Dan,\"two\nlines\"\n5,Eve,ok\n");
            }
            var reader = new HrCsvReader(path);
            List<CsvReadResult> results = reader.Read().ToList();

            CsvRowFault fault = Assert.Single(results, r => r.Fault is not null).Fault!;
            Assert.Equal(CsvRowFaultKind.RecordTooLarge, fault.Kind);
            Assert.Equal(3, fault.LineNumber);
            Assert.Contains("record too large", fault.Message);
            List<HrRecord> records = Records(results);
            Assert.Equal(new[] { "1", "3", "4", "5" }, records.Select(r => r.GetValue(0)));
            long afterField = 3 + insideLines + 2;
            Assert.Equal(new[] { 2, afterField, afterField + 2, afterField + 4 }, records.Select(r => r.LineNumber));
            Assert.Equal("two\nlines", records[2].GetValue(2));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ARecordLargerThanTheLimitWithTheWrongFieldCountIsStillOneFault()
    {
        string path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"eip-{Guid.NewGuid():N}.csv");
        try
        {
            using (var writer = new StreamWriter(path, false, new UTF8Encoding(false)))
            {
                writer.Write("WorkerID,Name,Notes\n1,Ann,short\n2,Bob,\"notes start\n");
                for (int i = 0; i < 12 * 1024 * 1024 / 24; i++)
                {
                    writer.Write("99,Mallory,inside notes\n");
                }
                writer.Write("end of notes\",extra\n3,Cy,ok\n");
            }
            List<CsvReadResult> results = new HrCsvReader(path).Read().ToList();

            CsvRowFault fault = Assert.Single(results, r => r.Fault is not null).Fault!;
            Assert.Equal(CsvRowFaultKind.RecordTooLarge, fault.Kind);
            Assert.Contains("4 fields where the header has 3", fault.Message);
            Assert.Equal(new[] { "1", "3" }, Records(results).Select(r => r.GetValue(0)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void AnOpenQuoteInAFileLargerThanTheLimitIsAnUnterminatedQuote()
    {
        // The quote runs on past the limit, then closes at the next quote, where no field ends.
        var text = new StringBuilder("Id,Name,Note\n1,Ann,x\n2,\"Bob,x\n");
        for (int id = 3; id < 400_000; id++)
        {
            text.Append(id).Append(id < 399_990 ? ",Doe of the long filler name,z\n" : ",\"Doe, J\",z\n");
        }
        using var file = new TempFile(text.ToString());
        var reader = new HrCsvReader(file.Path);
        List<CsvReadResult> results = reader.Read().ToList();

        CsvRowFault fault = Assert.Single(results, r => r.Fault is not null).Fault!;
        Assert.Equal(CsvRowFaultKind.UnterminatedQuote, fault.Kind);
        Assert.Equal(3, fault.LineNumber);
        Assert.Equal(400_000 - 2, reader.RowsRead);
        Assert.Equal(400_000, Records(results)[^1].LineNumber);
        Assert.Equal("Doe, J", Records(results)[^1].GetValue(1));
    }

    [Theory]
    [InlineData("Id;Name;Mail\n1;Ann;a@x\n2;Bob;b@x\n", ',', "-Delimiter ';'")]
    [InlineData("Id\tName\tMail\n1\tAnn\ta@x\n", ',', "-Delimiter \"`t\"")]
    [InlineData("Id,Name\n1,Ann\n", ';', "-Delimiter ','")]
    public void AOneColumnHeaderHoldingAnotherDelimiterIsOneFileFault(string content, char delimiter, string advice)
    {
        using var file = new TempFile(content);
        var ex = Assert.Throws<CsvFileException>(() => ReadAll(file.Path, new HrCsvOptions { Delimiter = delimiter }));
        Assert.Equal(CsvFileFaultKind.WrongDelimiter, ex.Kind);
        Assert.Contains(advice, ex.Message);
        Assert.Contains(file.Path, ex.Message);
    }

    [Theory]
    [InlineData("Id;Last, First;City\n1;W1;Paris\n2;W2;Paris\n", "semicolon", "-Delimiter ';'")]
    [InlineData("Id\tName, Given\tCity\tMail\n1\tAnn\tParis\ta@x\n", "tab", "-Delimiter \"`t\"")]
    public void AHeaderOfSeveralColumnsHoldingAnotherDelimiterMoreOftenNamesIt(string content, string name, string advice)
    {
        using var file = new TempFile(content);
        List<CsvRowFault> faults = ReadAll(file.Path).Select(r => r.Fault).OfType<CsvRowFault>().ToList();
        Assert.Equal(content.Count(c => c == '\n') - 1, faults.Count);
        Assert.All(faults, fault =>
        {
            Assert.Equal(CsvRowFaultKind.TooFewFields, fault.Kind);
            Assert.Contains($"looks {name}-separated", fault.Message);
            Assert.EndsWith($"Read it with {advice}.", fault.Message);
        });
    }

    [Theory]
    [InlineData("Id,Name;Alias,City\n1,Ann;A,Paris,FR\n")]
    [InlineData("Id;Name;City\n1;Ann;Paris\n2;Bob\n")]
    public void ARowWithAWrongFieldCountNamesNoOtherDelimiterWhenTheHeaderDoesNotLookLikeIt(string content)
    {
        using var file = new TempFile(content);
        char delimiter = content.Contains(',') ? ',' : ';';
        CsvRowFault fault = Assert.Single(ReadAll(file.Path, new HrCsvOptions { Delimiter = delimiter }).Select(r => r.Fault).OfType<CsvRowFault>());
        Assert.DoesNotContain("separated", fault.Message);
    }

    [Fact]
    public void AOneColumnFileIsStillRead()
    {
        using var file = new TempFile("WorkerID\n1\n2\n");
        Assert.Equal(2, Records(ReadAll(file.Path)).Count);
    }

    [Theory]
    [InlineData("utf-16", "-Encoding Unicode")]
    [InlineData("utf-16BE", "-Encoding BigEndianUnicode")]
    public void Utf16WithoutAByteOrderMarkIsOneFileFaultNamingTheEncoding(string encodingName, string advice)
    {
        Encoding encoding = Encoding.GetEncoding(encodingName);
        using var file = new TempFile(encoding.GetBytes("Id,Name\n1,Zoë\n2,Bob\n"));
        var ex = Assert.Throws<CsvFileException>(() => ReadAll(file.Path));
        Assert.Equal(CsvFileFaultKind.WrongEncoding, ex.Kind);
        Assert.Contains(advice, ex.Message);

        HrCsvOptions named = new() { Encoding = HrCsvEncoding.Resolve(advice.Split(' ')[1]) };
        Assert.Equal(["Zoë", "Bob"], Records(ReadAll(file.Path, named)).Select(r => r.GetValue(1)));
    }

    [Fact]
    public void AStreamIsReadAndOpenedAgainToGoOnAfterAnOpenQuote()
    {
        byte[] content = Encoding.UTF8.GetBytes("Id,Name\n1,Ann\n2,\"Bob\n3,Cy\n");
        int opened = 0;
        var reader = new HrCsvReader("blob:hr.csv", () => { opened++; return new MemoryStream(content); });
        List<CsvReadResult> results = reader.Read().ToList();

        Assert.Equal(new[] { "1", "3" }, Records(results).Select(r => r.GetValue(0)));
        Assert.StartsWith("blob:hr.csv:3:", Assert.Single(results, r => r.Fault is not null).Fault!.Message);
        Assert.Equal(2, opened);
    }

    private static int IndexOf(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle);

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
