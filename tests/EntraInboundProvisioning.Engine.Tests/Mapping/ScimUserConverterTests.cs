using System.Text.Json;
using EntraInboundProvisioning.Engine.Batching;
using EntraInboundProvisioning.Engine.Csv;
using EntraInboundProvisioning.Engine.Mapping;
using EntraInboundProvisioning.Engine.Scim;
using static EntraInboundProvisioning.Engine.Tests.Mapping.SampleMappings;

namespace EntraInboundProvisioning.Engine.Tests.Mapping;

public class ScimUserConverterTests
{
    private static DictionaryWorkerRecord Worker(params (string Name, object? Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, object?>(f.Name, f.Value)), "hr.csv", 7);

    [SharedAnchorsFact]
    public void TheThousandRowSampleGives624UsersAnd376DuplicatesIn13Requests()
    {
        var converter = new ScimUserConverter(MappingCompiler.Compile(Csv2Scim()));
        var builder = new BulkRequestBuilder();
        int users = 0;
        var faults = new List<ScimRecordFault>();
        var requests = new List<ScimBulkRequest>();
        foreach (CsvReadResult row in new HrCsvReader(TestPaths.Sample("csv-with-1000-records.csv")).Read())
        {
            ScimConversionResult result = converter.Convert(new HrWorkerRecord(row.Record!));
            if (result.User is { } user)
            {
                users++;
                if (builder.Add(user) is { } full)
                {
                    requests.Add(full);
                }
            }
            else
            {
                faults.Add(result.Fault!);
            }
        }
        if (builder.Flush() is { } last)
        {
            requests.Add(last);
        }

        Assert.Equal(624, users);
        Assert.Equal(376, faults.Count);
        Assert.All(faults, f => Assert.Equal(ScimRecordFaultKind.DuplicateExternalId, f.Kind));
        Assert.Equal(13, requests.Count);
        Assert.Equal(624, requests.Sum(r => r.Count));
        Assert.All(requests.Take(12), r => Assert.Equal(50, r.Count));
    }

    [SharedAnchorsFact]
    public void TheJsonHasSchemasFirstThenCoreInSchemaOrderThenExtensions()
    {
        var converter = new ScimUserConverter(MappingCompiler.Compile(Csv2Scim()));
        HrRecord row = new HrCsvReader(TestPaths.Sample("csv-with-2-records.csv")).Read().First().Record!;
        ScimUser user = converter.Convert(new HrWorkerRecord(row)).User!;

        using JsonDocument doc = JsonDocument.Parse(user.Json);
        Assert.Equal(
            ["schemas", "externalId", "userName", "name", "displayName", "nickName", "title", "userType", "active", "phoneNumbers", "addresses", ScimSchemas.EnterpriseUserUrn],
            doc.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("1222", user.ExternalId);
        Assert.False(user.Active);
        Assert.Equal("1684", user.ManagerId);
        Assert.Equal("1684", doc.RootElement.GetProperty(ScimSchemas.EnterpriseUserUrn).GetProperty("manager").GetProperty("value").GetString());
        Assert.Equal("work", doc.RootElement.GetProperty("addresses")[0].GetProperty("type").GetString());
        Assert.Equal($"{TestPaths.Sample("csv-with-2-records.csv")}:2", user.Source);
    }

    [Fact]
    public void EmptyValuesAreLeftOutUnlessAskedToSendThemAsNull()
    {
        ScimMapping mapping = MappingCompiler.Compile([Column("externalId", "Id"), Column("title", "Title"), Complex("name", Column("givenName", "First"))]);
        var record = Worker(("Id", "1"), ("Title", ""), ("First", ""));

        Assert.Equal("""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],"externalId":"1"}""",
            new ScimUserConverter(mapping).Convert(record).User!.Json);
        Assert.Contains("\"title\":null", new ScimUserConverter(mapping, includeEmpty: true).Convert(record).User!.Json);
    }

    [Theory]
    [InlineData("yes", true)]
    [InlineData("0", false)]
    [InlineData("TRUE", true)]
    public void BooleansAcceptTheUsualWords(string text, bool expected)
    {
        var converter = new ScimUserConverter(MappingCompiler.Compile([Column("externalId", "Id"), Column("active", "Active")]));
        Assert.Equal(expected, converter.Convert(Worker(("Id", "1"), ("Active", text))).User!.Active);
    }

    [Fact]
    public void ABooleanThatIsNotOneIsAFaultNamingKeyValueAndLine()
    {
        var converter = new ScimUserConverter(MappingCompiler.Compile([Column("externalId", "Id"), Column("active", "Active")]));
        ScimRecordFault fault = converter.Convert(Worker(("Id", "1"), ("Active", "maybe"))).Fault!;

        Assert.Equal(ScimRecordFaultKind.InvalidValue, fault.Kind);
        Assert.Equal("active", fault.Key);
        Assert.Equal("maybe", fault.Value);
        Assert.Contains("hr.csv:7", fault.Message);
    }

    [Fact]
    public void AComputedValueThatThrowsIsAFaultAndTheNextRecordStillConverts()
    {
        var converter = new ScimUserConverter(MappingCompiler.Compile(
            [Column("externalId", "Id"), Computed("displayName", r => (string)Field(r, "Id")! == "1" ? throw new InvalidOperationException("boom") : "ok")]));

        ScimRecordFault fault = converter.Convert(Worker(("Id", "1"))).Fault!;
        Assert.Equal(ScimRecordFaultKind.ValueFailed, fault.Kind);
        Assert.Equal("displayName", fault.Key);
        Assert.Contains("boom", fault.Message);
        Assert.Equal("ok", converter.Convert(Worker(("Id", "2"))).User!.DisplayName);
    }

    [Fact]
    public void AMissingExternalIdIsAFault()
    {
        var converter = new ScimUserConverter(MappingCompiler.Compile([Column("externalId", "Id")]));
        Assert.Equal(ScimRecordFaultKind.MissingExternalId, converter.Convert(Worker(("Id", " "))).Fault!.Kind);
        Assert.Equal(ScimRecordFaultKind.MissingExternalId, converter.Convert(Worker(("Id", null))).Fault!.Kind);
    }

    [Fact]
    public void ADuplicateExternalIdNamesTheLineOfTheFirst()
    {
        var converter = new ScimUserConverter(MappingCompiler.Compile([Column("externalId", "Id")]));
        converter.Convert(new DictionaryWorkerRecord([new("Id", "9")], "a.csv", 2));
        ScimRecordFault fault = converter.Convert(new DictionaryWorkerRecord([new("Id", "9")], "a.csv", 5)).Fault!;

        Assert.Equal(ScimRecordFaultKind.DuplicateExternalId, fault.Kind);
        Assert.Contains("a.csv:2", fault.Message);
        Assert.Equal("a.csv:5", fault.Source);
    }

    [Fact]
    public void DatesBecomeIso8601WithATimeAndAnOffset()
    {
        var converter = new ScimUserConverter(MappingCompiler.Compile(
            [Column("externalId", "Id"), Complex("urn:ietf:params:scim:schemas:extension:csv:1.0:User", Column("HireDate", "Hire"))]));
        string json = converter.Convert(Worker(("Id", "1"), ("Hire", new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.FromHours(2))))).User!.Json;
        Assert.Contains("\"HireDate\":\"2024-03-01T00:00:00+02:00\"", json);
        Assert.Equal("2024-03-01T08:00:00Z", ScimValueConverter.ToIsoString(new DateTimeOffset(2024, 3, 1, 8, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void ACustomNamespaceTakesEveryColumnAsCsv2ScimDoes()
    {
        var converter = new ScimUserConverter(MappingCompiler.Compile([Column("externalId", "Id")],
            new CustomNamespaceOptions("urn:ietf:params:scim:schemas:extension:csv:1.0:User")));
        string json = converter.Convert(Worker(("Id", "1"), ("Dept", "Sales"), ("Site", ""))).User!.Json;

        Assert.EndsWith(""" ,"urn:ietf:params:scim:schemas:extension:csv:1.0:User"],"externalId":"1","urn:ietf:params:scim:schemas:extension:csv:1.0:User":{"Id":"1","Dept":"Sales"}}""".TrimStart(), json);
    }

    [Fact]
    public void ACustomNamespaceTheMappingAlsoNamesIsOneObjectWithTheMappedValuesWinning()
    {
        const string urn = "urn:ietf:params:scim:schemas:extension:csv:1.0:User";
        var converter = new ScimUserConverter(MappingCompiler.Compile(
            [Column("externalId", "Id"), Complex(urn.ToUpperInvariant().Replace("URN:", "urn:"), Computed("Dept", _ => "Mapped"), Column("Extra", "Site"))],
            new CustomNamespaceOptions(urn)));
        string json = converter.Convert(Worker(("Id", "1"), ("Dept", "Sales"), ("Site", "Paris"))).User!.Json;

        using JsonDocument doc = JsonDocument.Parse(json);
        JsonProperty[] extensions = doc.RootElement.EnumerateObject().Where(p => p.Name.Equals(urn, StringComparison.OrdinalIgnoreCase)).ToArray();
        JsonProperty[] members = Assert.Single(extensions).Value.EnumerateObject().ToArray();
        Assert.Equal(["Id", "Site", "Dept", "Extra"], members.Select(m => m.Name));
        Assert.Equal("Mapped", members.Single(m => m.Name == "Dept").Value.GetString());
        Assert.Single(doc.RootElement.GetProperty("schemas").EnumerateArray(), s => s.GetString()!.Equals(urn, StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData(DateTimeKind.Unspecified)]
    [InlineData(DateTimeKind.Local)]
    public void ADateTimeNotMarkedUtcIsReadInTheGivenTimeZoneNeverTheMachines(DateTimeKind kind)
    {
        List<KeyValuePair<string, MappingValue>> map =
            [Column("externalId", "Id"), Complex("urn:ietf:params:scim:schemas:extension:csv:1.0:User", Column("HireDate", "Hire"))];
        var hire = new DateTime(2013, 1, 1, 0, 0, 0, kind);

        string utc = new ScimUserConverter(MappingCompiler.Compile(map)).Convert(Worker(("Id", "1"), ("Hire", hire))).User!.Json;
        string tokyo = new ScimUserConverter(MappingCompiler.Compile(map), timeZone: TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo"))
            .Convert(Worker(("Id", "1"), ("Hire", hire))).User!.Json;

        Assert.Contains("\"HireDate\":\"2013-01-01T00:00:00Z\"", utc);
        Assert.Contains("\"HireDate\":\"2013-01-01T00:00:00+09:00\"", tokyo);
    }

    [Fact]
    public void AComputedHashtableIsAComplexValueWithItsKeysCheckedAgainstTheSchema()
    {
        var converter = new ScimUserConverter(MappingCompiler.Compile(
        [
            Column("externalId", "Id"),
            Array("phoneNumbers",
                new ComputedMappingValue(FuncSource(r => Field(r, "Mobile") is string { Length: > 0 } m
                    ? new System.Collections.Hashtable { ["type"] = "mobile", ["value"] = m, ["primary"] = "true" } : null)),
                Item(Computed("type", _ => "work"), Column("value", "Phone"))),
            new("emails", new ComputedMappingValue(FuncSource(r => new object[]
            {
                new Dictionary<string, object?> { ["value"] = "a@x", ["type"] = "work" },
                new Dictionary<string, object?> { ["value"] = "b@x", ["type"] = "home" },
            }))),
        ]));

        using JsonDocument doc = JsonDocument.Parse(converter.Convert(Worker(("Id", "1"), ("Mobile", "+33 6"), ("Phone", "+33 1"))).User!.Json);
        Assert.Equal("""[{"value":"+33 6","type":"mobile","primary":true},{"value":"+33 1","type":"work"}]""", doc.RootElement.GetProperty("phoneNumbers").GetRawText());
        Assert.Equal(2, doc.RootElement.GetProperty("emails").GetArrayLength());
        using JsonDocument withoutMobile = JsonDocument.Parse(converter.Convert(Worker(("Id", "2"), ("Mobile", ""), ("Phone", "+33 1"))).User!.Json);
        Assert.Equal(1, withoutMobile.RootElement.GetProperty("phoneNumbers").GetArrayLength());

        var typo = new ScimUserConverter(MappingCompiler.Compile(
            [Column("externalId", "Id"), Array("phoneNumbers", new ComputedMappingValue(FuncSource(_ => new System.Collections.Hashtable { ["valu"] = "1" })))]));
        ScimRecordFault fault = typo.Convert(Worker(("Id", "3"))).Fault!;
        Assert.Equal("phoneNumbers[0].valu", fault.Key);
        Assert.Contains("Did you mean 'value'", fault.Message);
    }

    [Fact]
    public void TheSameInputGivesTheSameBytes()
    {
        static string Run()
        {
            var converter = new ScimUserConverter(MappingCompiler.Compile(Csv2Scim()));
            var builder = new BulkRequestBuilder(10);
            foreach (CsvReadResult row in new HrCsvReader(TestPaths.OwnSample("workers.csv")).Read().Take(7))
            {
                builder.Add(converter.Convert(new HrWorkerRecord(row.Record!)).User!);
            }
            return builder.Flush()!.Json;
        }
        Assert.Equal(Run(), Run());
    }
}
