using EntraInboundProvisioning.Engine.Jobs;
using EntraInboundProvisioning.Engine.Mapping;
using static EntraInboundProvisioning.Engine.Tests.Mapping.SampleMappings;

namespace EntraInboundProvisioning.Engine.Tests.Jobs;

public class CustomAttributeSourceTests
{
    private const string CsvUrn = "urn:ietf:params:scim:schemas:extension:csv:1.0:User";

    private static readonly DictionaryWorkerRecord Worker = new(
        [new("WorkerID", "7"), new("UserID", "u7"), new("HireDate", "2020-02-03"), new("OnLeave", "False"), new("Grade", "4"), new("Location", "Lyon")], "hr.csv", 2);

    private static ScimMapping Mapping(CustomNamespaceOptions? custom = null) => MappingCompiler.Compile(
    [
        Column("externalId", "WorkerID"),
        Column("userName", "UserID"),
        Complex("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", Column("department", "Location")),
        Complex(CsvUrn,
            Computed("HireDate", r => Field(r, "HireDate") + "T00:00:00Z"),
            Computed("OnLeave", r => bool.Parse((string)Field(r, "OnLeave")!)),
            Computed("Grade", r => int.Parse((string)Field(r, "Grade")!)),
            Column("Location", "Location")),
    ], custom);

    [Fact]
    public void TheCustomExtensionsAttributesAreTypedFromTheConvertedSampleAndTheEnterpriseOnesLeftOut()
    {
        ScimMapping mapping = Mapping();
        string json = new ScimUserConverter(mapping).Convert(Worker).User!.Json;

        List<SchemaAttributeRequest> attributes = CustomAttributeSource.FromMapping(mapping, Worker, [json]);

        Assert.Equal(
            [($"{CsvUrn}:Grade", "Integer"), ($"{CsvUrn}:HireDate", "DateTime"), ($"{CsvUrn}:Location", "String"), ($"{CsvUrn}:OnLeave", "Boolean")],
            attributes.Select(a => (a.Name, a.Type)).OrderBy(a => a.Name, StringComparer.Ordinal));
        Assert.Equal($"{CsvUrn}.HireDate", attributes.Single(a => a.Name.EndsWith(":HireDate", StringComparison.Ordinal)).Source);
    }

    [Fact]
    public void EachAttributeIsTypedFromTheFirstSampleThatGivesItAValueAndSamplesAreReadOnlyUntilAllAreTyped()
    {
        ScimMapping mapping = Mapping();
        string[] samples =
        [
            $$$"""{"{{{CsvUrn}}}":{"HireDate":""}}""",
            $$$"""{"{{{CsvUrn}}}":{"HireDate":"2020-02-03T00:00:00Z","OnLeave":true}}""",
            $$$"""{"{{{CsvUrn}}}":{"Grade":4}}""",
            $$$"""{"{{{CsvUrn}}}":{"Grade":"x"}}""",
        ];
        int read = 0;
        IEnumerable<string> Samples()
        {
            foreach (string json in samples)
            {
                read++;
                yield return json;
            }
        }

        List<SchemaAttributeRequest> attributes = CustomAttributeSource.FromMapping(mapping, null, Samples());

        Assert.Equal(
            [($"{CsvUrn}:Grade", "Integer", false), ($"{CsvUrn}:HireDate", "DateTime", false), ($"{CsvUrn}:Location", "String", false), ($"{CsvUrn}:OnLeave", "Boolean", false)],
            attributes.Select(a => (a.Name, a.Type, a.TypeDefaulted)).OrderBy(a => a.Name, StringComparer.Ordinal));
        Assert.Equal(3, read);
    }

    [Fact]
    public void WithoutASampleComputedValuesAreStringsMarkedAsDefaulted()
    {
        List<SchemaAttributeRequest> attributes = CustomAttributeSource.FromMapping(Mapping(), null, []);
        Assert.All(attributes, a => Assert.Equal("String", a.Type));
        Assert.Equal(4, attributes.Count);
        Assert.Equal(["Grade", "HireDate", "OnLeave"], attributes.Where(a => a.TypeDefaulted).Select(a => a.Name.Split(':')[^1]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void TheCustomNamespaceGetsEveryColumnOfTheRowAsConvertToScimUserSendsThemAndNeedsARecordForThem()
    {
        const string acme = "urn:ietf:params:scim:schemas:extension:acme:1.0:User";
        ScimMapping mapping = MappingCompiler.Compile([Column("externalId", "WorkerID"), Column("userName", "UserID")], new CustomNamespaceOptions(acme));
        using var sent = System.Text.Json.JsonDocument.Parse(new ScimUserConverter(mapping).Convert(Worker).User!.Json);

        List<SchemaAttributeRequest> attributes = CustomAttributeSource.FromMapping(mapping, Worker, []);

        Assert.Equal([$"{acme}:WorkerID", $"{acme}:UserID", $"{acme}:HireDate", $"{acme}:OnLeave", $"{acme}:Grade", $"{acme}:Location"], attributes.Select(a => a.Name));
        Assert.All(sent.RootElement.GetProperty(acme).EnumerateObject(), p => Assert.Contains($"{acme}:{p.Name}", attributes.Select(a => a.Name)));
        Assert.Equal("Grade", attributes[4].Source);
        Assert.Throws<ArgumentException>(() => CustomAttributeSource.FromMapping(mapping, null, []));
    }

    [Theory]
    [InlineData(CsvUrn, "HireDate", true)]
    [InlineData(CsvUrn, "Hire_Date-2", true)]
    [InlineData(CsvUrn, "Hire Date", false)]
    [InlineData(CsvUrn, "\"HireDate\"", false)]
    [InlineData(CsvUrn, "2ndName", false)]
    [InlineData("urn:ietf:params:scim:schemas:extension:my csv:1.0:User", "HireDate", false)]
    [InlineData("ietf:params:scim:User", "HireDate", false)]
    public void OnlyNamesTheServiceTakesPass(string urn, string name, bool valid)
    {
        string? problem = SchemaAttributeName.Problem(urn, name);
        Assert.Equal(valid, problem is null);
        if (!valid)
        {
            Assert.Contains(name.Contains(' ') || name.Contains('"') || name.StartsWith('2') ? name : urn, problem);
        }
    }
}
