using EntraInboundProvisioning.Engine.Mapping;
using static EntraInboundProvisioning.Engine.Tests.Mapping.SampleMappings;

namespace EntraInboundProvisioning.Engine.Tests.Mapping;

public class MappingCompilerTests
{
    [Fact]
    public void TheCsv2ScimSampleMappingCompilesInSchemaOrder()
    {
        ScimMapping mapping = MappingCompiler.Compile(Csv2Scim());

        Assert.Equal(["externalId", "userName", "name", "displayName", "nickName", "title", "userType", "active", "phoneNumbers", "addresses"],
            mapping.Core.Select(a => a.Attribute.Name));
        Assert.Equal("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", Assert.Single(mapping.Extensions).Urn);
        Assert.Contains("ManagerID", mapping.Columns);
    }

    [Theory]
    [InlineData("usrName", "userName")]
    [InlineData("displayname2", "displayName")]
    public void AnUnknownAttributeNamesTheKeyAndTheNearestName(string key, string nearest)
    {
        var ex = Assert.Throws<MappingException>(() => MappingCompiler.Compile([Column(key, "X")]));
        Assert.Equal(key, ex.Key);
        Assert.Contains($"Did you mean '{nearest}'", ex.Message);
    }

    [Fact]
    public void AnEnterpriseAttributeAtTheTopSaysWhereItBelongs()
    {
        var ex = Assert.Throws<MappingException>(() => MappingCompiler.Compile([Column("department", "Department")]));
        Assert.Contains("enterprise extension", ex.Message);
    }

    [Fact]
    public void AnUnknownSubAttributeIsNamedWithItsPath()
    {
        var ex = Assert.Throws<MappingException>(() => MappingCompiler.Compile([Complex("name", Column("givenNme", "FirstName"))]));
        Assert.Equal("name.givenNme", ex.Key);
        Assert.Contains("givenName", ex.Message);
    }

    [Fact]
    public void AComplexAttributeGivenAColumnIsAMismatch()
    {
        var ex = Assert.Throws<MappingException>(() => MappingCompiler.Compile(
            [Complex("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", Column("manager", "ManagerID"))]));
        Assert.EndsWith("manager", ex.Key);
        Assert.Contains("complex attribute", ex.Message);
    }

    [Fact]
    public void ASimpleAttributeGivenAHashtableIsAMismatch()
    {
        var ex = Assert.Throws<MappingException>(() => MappingCompiler.Compile([Complex("userName", Column("value", "UserID"))]));
        Assert.Contains("simple attribute", ex.Message);
    }

    [Fact]
    public void AMultiValuedAttributeMustBeAnArray()
    {
        var ex = Assert.Throws<MappingException>(() => MappingCompiler.Compile([Complex("emails", Column("value", "Mail"))]));
        Assert.Equal("emails", ex.Key);
        Assert.Contains("multi-valued", ex.Message);
    }

    [Fact]
    public void CustomExtensionsTakeAnyAttributeAndJoinTheSchemas()
    {
        ScimMapping mapping = MappingCompiler.Compile(
            [Column("externalId", "WorkerID"), Complex("urn:ietf:params:scim:schemas:extension:csv:1.0:User", Column("HireDate", "HireDate"))]);
        Assert.Contains("urn:ietf:params:scim:schemas:extension:csv:1.0:User", mapping.Schemas);
        Assert.True(Assert.Single(mapping.Extensions).IsCustom);
    }

    [Fact]
    public void AColumnTheRecordLacksNamesTheKeyAndTheNearestColumn()
    {
        ScimMapping mapping = MappingCompiler.Compile([Column("externalId", "WorkerId"), Column("userName", "UserIdd")]);
        var record = new DictionaryWorkerRecord([new("WorkerID", "1"), new("UserID", "u")], "hr.csv", 2);

        var ex = Assert.Throws<MappingException>(() => MappingCompiler.CheckColumns(mapping, record));
        Assert.Equal("userName", ex.Key);
        Assert.Contains("Did you mean 'UserID'", ex.Message);
        Assert.Contains("hr.csv:2", ex.Message);
    }

    [Fact]
    public void ANamespaceColumnTheRecordLacksIsNamedWithTheNearestColumn()
    {
        ScimMapping mapping = MappingCompiler.Compile([Column("externalId", "WorkerID")],
            new CustomNamespaceOptions("urn:ietf:params:scim:schemas:extension:hr:1.0:User", ["Locaton", "WorkerID"]));
        var record = new DictionaryWorkerRecord([new("WorkerID", "1"), new("Location", "Lyon")], "hr.csv", 2);

        var ex = Assert.Throws<MappingException>(() => MappingCompiler.CheckColumns(mapping, record));
        Assert.Equal("-NamespaceColumn", ex.Key);
        Assert.Contains("'Locaton'", ex.Message);
        Assert.Contains("Did you mean 'Location'", ex.Message);
        Assert.Contains("hr.csv:2", ex.Message);
    }

    [Theory]
    [InlineData("urn:ietf:params:scim:schemas:extension:my co:1.0:User")]
    [InlineData("urn:ietf:params:scim:schemas:extension:'acme':1.0:User")]
    [InlineData("urn:ietf:params:scim:schemas:core:2.0:User")]
    public void ACustomNamespaceTheServiceWouldRejectIsOneErrorNamingIt(string urn)
    {
        var ex = Assert.Throws<MappingException>(() => MappingCompiler.Compile([Column("externalId", "WorkerID")], new CustomNamespaceOptions(urn)));
        Assert.Equal(urn, ex.Key);
        Assert.Equal(ex.Message, Assert.Throws<MappingException>(() => MappingCompiler.CheckCustomNamespace(urn)).Message);
        MappingCompiler.CheckCustomNamespace("urn:ietf:params:scim:schemas:extension:acme:1.0:User");
    }

    [Fact]
    public void ColumnsAComputedValueReadsAreListedAndCheckedWithTheNearestColumn()
    {
        ScimMapping mapping = MappingCompiler.Compile(
            [Column("externalId", "WorkerID"), new("active", new ComputedMappingValue(FuncSource(_ => true), ["WorkerStatu"]))]);
        Assert.Contains("WorkerStatu", mapping.Columns);

        var record = new DictionaryWorkerRecord([new("WorkerID", "1"), new("WorkerStatus", "Active")], "hr.csv", 2);
        var ex = Assert.Throws<MappingException>(() => MappingCompiler.CheckColumns(mapping, record));
        Assert.Equal("active", ex.Key);
        Assert.Contains("'WorkerStatu' in its scriptblock", ex.Message);
        Assert.Contains("Did you mean 'WorkerStatus'", ex.Message);
    }

    [Fact]
    public void AMappingWithoutActiveWarnsThatWorkersWouldBeDisabled()
    {
        Assert.Contains(MappingCompiler.Compile([Column("externalId", "WorkerID")]).Warnings, w => w.Contains("'active'"));
        Assert.Empty(MappingCompiler.Compile([Column("externalId", "WorkerID"), Column("active", "Enabled")]).Warnings);
    }

    [Theory]
    [InlineData("urn:ietf:params:scim:schemas:extension:enterprise:2.0:Usr", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User")]
    [InlineData("urn:ietf:params:scim:schemas:extension:enterprise:2.0:Uesr", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User")]
    [InlineData("urn:ietf:params:scim:schemas:core:2.0:Users", "urn:ietf:params:scim:schemas:core:2.0:User")]
    public void AnExtensionAnEditOrTwoAwayFromAStandardOneWarnsNamingIt(string urn, string meant)
    {
        string warning = Assert.Single(MappingCompiler.Compile([Column("active", "A"), Complex(urn, Column("department", "Dept"))]).Warnings);
        Assert.Contains($"write '{meant}'", warning);
        Assert.Single(MappingCompiler.Compile([Column("active", "A")], new CustomNamespaceOptions(urn)).Warnings);
        Assert.Empty(MappingCompiler.Compile([Column("active", "A")], new CustomNamespaceOptions("urn:ietf:params:scim:schemas:extension:csv:1.0:User")).Warnings);
    }

    [Fact]
    public void AComplexAttributeOrAMultiValuedOneMayBeComputed()
    {
        ScimMapping mapping = MappingCompiler.Compile(
        [
            new("name", new ComputedMappingValue(FuncSource(_ => null))),
            new("emails", new ComputedMappingValue(FuncSource(_ => null))),
            Array("phoneNumbers", new ComputedMappingValue(FuncSource(_ => null)), Item(Column("value", "Phone"))),
        ]);
        Assert.Equal(3, mapping.Core.Count);
    }
}
