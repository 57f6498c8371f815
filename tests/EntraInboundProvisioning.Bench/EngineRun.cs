using System.Diagnostics;
using EntraInboundProvisioning.Engine.Batching;
using EntraInboundProvisioning.Engine.Csv;
using EntraInboundProvisioning.Engine.Mapping;

namespace EntraInboundProvisioning.Bench;

/// <summary>
/// The engine alone: CSV to users to bulk request JSON, with a mapping shaped like samples/AttributeMapping.psd1
/// whose scriptblocks are C# functions here.
/// </summary>
internal static class EngineRun
{
    public static (long Rows, long Users, long Requests, long Bytes, TimeSpan Elapsed) Run(string path)
    {
        ScimMapping mapping = MappingCompiler.Compile(Mapping());
        var converter = new ScimUserConverter(mapping);
        var builder = new BulkRequestBuilder();
        long rows = 0, users = 0, requests = 0, bytes = 0;
        using Stream sink = Stream.Null;
        var clock = Stopwatch.StartNew();
        foreach (CsvReadResult row in new HrCsvReader(path).Read())
        {
            rows++;
            if (row.Record is null || converter.Convert(new HrWorkerRecord(row.Record)).User is not { } user)
            {
                continue;
            }
            users++;
            if (builder.Add(user) is { } request)
            {
                requests++;
                bytes += request.SizeBytes;
                sink.Write(request.Utf8Json.Span);
            }
        }
        if (builder.Flush() is { } last)
        {
            requests++;
            bytes += last.SizeBytes;
        }
        return (rows, users, requests, bytes, clock.Elapsed);
    }

    private static object? Field(IWorkerRecord r, string name) => r.TryGetField(name, out object? v) ? v : null;

    private static KeyValuePair<string, MappingValue> Column(string key, string column) => new(key, new ColumnMappingValue(column));

    private static KeyValuePair<string, MappingValue> Computed(string key, Func<IWorkerRecord, object?> f) => new(key, new ComputedMappingValue(new FuncSource(f)));

    private static KeyValuePair<string, MappingValue> Complex(string key, params KeyValuePair<string, MappingValue>[] m) => new(key, new ComplexMappingValue(m));

    private static List<KeyValuePair<string, MappingValue>> Mapping() =>
    [
        Column("externalId", "WorkerID"),
        Computed("userName", r => $"{Field(r, "UserID")}@contoso.example"),
        Complex("name", Column("familyName", "LastName"), Column("givenName", "FirstName")),
        Column("displayName", "FullName"),
        Column("nickName", "UserID"),
        Column("userType", "WorkerType"),
        Column("title", "JobTitle"),
        Computed("active", r => (string?)Field(r, "WorkerStatus") == "Active"),
        new("emails", new ArrayMappingValue([new ComplexMappingValue([Computed("type", _ => "work"),
            Computed("value", r => $"{Field(r, "UserID")}@contoso.example"), Computed("primary", _ => true)])])),
        new("phoneNumbers", new ArrayMappingValue([new ComplexMappingValue([Computed("type", _ => "work"), Column("value", "OfficePhone")])])),
        new("addresses", new ArrayMappingValue([new ComplexMappingValue([Computed("type", _ => "work"), Column("streetAddress", "StreetAddress"),
            Column("locality", "City"), Column("postalCode", "ZipCode"), Column("country", "CountryCode")])])),
        Complex("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", Column("employeeNumber", "WorkerID"), Column("costCenter", "CostCenter"),
            Column("organization", "Company"), Column("division", "Division"), Column("department", "Department"), Complex("manager", Column("value", "ManagerID"))),
        Complex("urn:ietf:params:scim:schemas:extension:csv:1.0:User",
            Computed("HireDate", r => (string)Field(r, "HireDate")! + "T00:00:00Z"),
            Column("GenderPronoun", "GenderPronoun"), Computed("OnLeave", r => bool.Parse((string)Field(r, "OnLeave")!)), Column("Location", "Location")),
    ];

    private sealed class FuncSource(Func<IWorkerRecord, object?> f) : IValueSource
    {
        public object? GetValue(IWorkerRecord record) => f(record);

        public string Describe() => "a function";
    }
}
