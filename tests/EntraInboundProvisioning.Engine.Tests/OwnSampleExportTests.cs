using EntraInboundProvisioning.Engine.Batching;
using EntraInboundProvisioning.Engine.Csv;
using EntraInboundProvisioning.Engine.Mapping;
using EntraInboundProvisioning.Engine.Scim;
using static EntraInboundProvisioning.Engine.Tests.Mapping.SampleMappings;

namespace EntraInboundProvisioning.Engine.Tests;

/// <summary>The project's own sample export (samples/workers.csv, written by samples/New-SampleHrExport.ps1) holds what real exports hold.</summary>
public class OwnSampleExportTests
{
    private static readonly string Path = TestPaths.OwnSample("workers.csv");

    private static List<HrRecord> ReadRecords()
    {
        var reader = new HrCsvReader(Path);
        List<CsvReadResult> results = reader.Read().ToList();
        Assert.All(results, r => Assert.Null(r.Fault));
        return results.Select(r => r.Record!).ToList();
    }

    private static string Value(HrRecord record, string column) => record.TryGetValue(column, out string? value) ? value! : throw new KeyNotFoundException(column);

    [Fact]
    public void EveryRowIsReadWithTheLineItStartsOn()
    {
        List<HrRecord> records = ReadRecords();

        Assert.Equal(1000, records.Count);
        Assert.Equal(25, records[0].Columns.Count);
        Assert.Equal(2, records[0].LineNumber);
        // Quoted line breaks make a record span lines: the last record starts where the file's lines say.
        HrRecord last = records[^1];
        int linesInLast = 1 + Enumerable.Range(0, last.Columns.Count).Sum(i => last.GetValue(i).Count(c => c == '\n'));
        Assert.Equal(File.ReadAllLines(Path).Length - linesInLast + 1, last.LineNumber);
    }

    [Fact]
    public void ItHoldsWhatRealExportsHold()
    {
        List<HrRecord> records = ReadRecords();
        var firstRowOf = new Dictionary<string, int>();
        for (int i = 0; i < records.Count; i++)
        {
            firstRowOf.TryAdd(Value(records[i], "WorkerID"), i);
        }

        Assert.Equal(960, firstRowOf.Count);
        Assert.Equal(40, records.Count - firstRowOf.Count);
        int reportsBeforeManagers = records.Select((r, i) => (Manager: Value(r, "ManagerID"), Row: i))
            .Count(x => firstRowOf.TryGetValue(x.Manager, out int managerRow) && managerRow > x.Row);
        Assert.True(reportsBeforeManagers > 100, $"{reportsBeforeManagers} reports come before their managers");
        HashSet<string> managersNotInFile = records.Select(r => Value(r, "ManagerID")).Where(m => m.Length > 0 && !firstRowOf.ContainsKey(m)).ToHashSet();
        Assert.InRange(managersNotInFile.Count, 1, 12);
        Assert.Contains(records, r => Value(r, "WorkerStatus") == "Inactive");
        Assert.Contains(records, r => Value(r, "StreetAddress").Length == 0);
        Assert.Contains(records, r => Value(r, "StreetAddress").Contains('\n'));
        Assert.Contains(records, r => Value(r, "StreetAddress").Contains(','));
        Assert.Contains(records, r => Value(r, "JobTitle").Contains('"'));
        Assert.Contains(records, r => Value(r, "LastName").Contains('\''));
        Assert.Contains(records, r => Value(r, "FullName").Any(c => c > 127));
        // One UPN per worker, plain ASCII, whatever accents and apostrophes the names have.
        Dictionary<string, string> upnOf = records.GroupBy(r => Value(r, "WorkerID")).ToDictionary(g => g.Key, g => Value(g.First(), "UserPrincipalName"));
        Assert.Equal(upnOf.Count, upnOf.Values.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(upnOf.Values, upn => Assert.Matches("^[a-z0-9.]+@contoso\\.example$", upn));
    }

    [Fact]
    public void TheSampleMappingGives960UsersAnd40DuplicatesIn20Requests()
    {
        var converter = new ScimUserConverter(MappingCompiler.Compile(Csv2Scim()));
        var builder = new BulkRequestBuilder();
        var requests = new List<ScimBulkRequest>();
        var faults = new List<ScimRecordFault>();
        foreach (HrRecord record in ReadRecords())
        {
            ScimConversionResult result = converter.Convert(new HrWorkerRecord(record));
            if (result.User is { } user)
            {
                if (builder.Add(user) is { } full) requests.Add(full);
            }
            else
            {
                faults.Add(result.Fault!);
            }
        }
        if (builder.Flush() is { } rest) requests.Add(rest);

        Assert.Equal(40, faults.Count);
        Assert.All(faults, f => Assert.Equal(ScimRecordFaultKind.DuplicateExternalId, f.Kind));
        Assert.Equal(20, requests.Count);
        Assert.Equal(960, requests.Sum(r => r.Count));
        Assert.Equal(10, requests[^1].Count);
    }
}
