using EntraInboundProvisioning.Engine.Mapping;

namespace EntraInboundProvisioning.Engine.Tests.Mapping;

/// <summary>Mappings built as the module builds them from a CSV2SCIM AttributeMapping.psd1.</summary>
internal static class SampleMappings
{
    public static KeyValuePair<string, MappingValue> Column(string key, string column) => new(key, new ColumnMappingValue(column));

    public static KeyValuePair<string, MappingValue> Computed(string key, Func<IWorkerRecord, object?> compute) =>
        new(key, new ComputedMappingValue(new FuncValueSource(compute)));

    public static KeyValuePair<string, MappingValue> Complex(string key, params KeyValuePair<string, MappingValue>[] members) =>
        new(key, new ComplexMappingValue(members));

    public static KeyValuePair<string, MappingValue> Array(string key, params MappingValue[] items) => new(key, new ArrayMappingValue(items));

    public static ComplexMappingValue Item(params KeyValuePair<string, MappingValue>[] members) => new(members);

    public static object? Field(IWorkerRecord record, string name) => record.TryGetField(name, out object? value) ? value : null;

    /// <summary>The CSV2SCIM sample AttributeMapping for the sample HR files.</summary>
    public static List<KeyValuePair<string, MappingValue>> Csv2Scim() =>
    [
        Column("externalId", "WorkerID"),
        Complex("name", Column("familyName", "LastName"), Column("givenName", "FirstName")),
        Computed("active", r => (string?)Field(r, "WorkerStatus") == "Active"),
        Column("userName", "UserID"),
        Column("displayName", "FullName"),
        Column("nickName", "UserID"),
        Column("userType", "WorkerType"),
        Column("title", "JobTitle"),
        Array("addresses", Item(Computed("type", _ => "work"), Column("streetAddress", "StreetAddress"),
            Column("locality", "City"), Column("postalCode", "ZipCode"), Column("country", "CountryCode"))),
        Array("phoneNumbers", Item(Computed("type", _ => "work"), Column("value", "OfficePhone"))),
        Complex("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
            Column("employeeNumber", "WorkerID"), Column("costCenter", "CostCenter"), Column("organization", "Company"),
            Column("division", "Division"), Column("department", "Department"), Complex("manager", Column("value", "ManagerID"))),
    ];

    public static IValueSource FuncSource(Func<IWorkerRecord, object?> compute) => new FuncValueSource(compute);

    private sealed class FuncValueSource(Func<IWorkerRecord, object?> compute) : IValueSource
    {
        public object? GetValue(IWorkerRecord record) => compute(record);

        public string Describe() => "a function";
    }
}
