using EntraInboundProvisioning.Engine.Mapping;
using static EntraInboundProvisioning.Engine.Tests.Mapping.SampleMappings;

namespace EntraInboundProvisioning.Engine.Tests.Mapping;

public class ColumnResolutionTests
{
    /// <summary>A record of a given shape that counts how often a column name is looked up.</summary>
    private sealed class CountingRecord(object shape, string id, int[] lookups) : IWorkerRecord
    {
        private static readonly string[] Names = ["Id", "Name"];

        public IEnumerable<string> FieldNames => Names;

        public string? SourceFile => "hr.csv";

        public long LineNumber => 1;

        public object? Shape => shape;

        public object? GetField(int index) => index == 0 ? id : "N" + id;

        public int IndexOf(string name)
        {
            lookups[0]++;
            return System.Array.FindIndex(Names, n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
        }

        public bool TryGetField(string name, out object? value)
        {
            lookups[0]++;
            int i = System.Array.FindIndex(Names, n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
            value = i >= 0 ? GetField(i) : null;
            return i >= 0;
        }
    }

    [Fact]
    public void ColumnsAreResolvedOncePerSourceNotOncePerRow()
    {
        var converter = new ScimUserConverter(MappingCompiler.Compile([Column("externalId", "Id"), Column("displayName", "Name")]));
        int[] lookups = [0];
        object firstFile = new(), secondFile = new();

        for (int i = 0; i < 1000; i++)
        {
            Assert.NotNull(converter.Convert(new CountingRecord(firstFile, $"A{i}", lookups)).User);
        }
        Assert.Equal(2, lookups[0]);

        for (int i = 0; i < 1000; i++)
        {
            Assert.Equal($"NB{i}", converter.Convert(new CountingRecord(secondFile, $"B{i}", lookups)).User!.DisplayName);
        }
        Assert.Equal(4, lookups[0]);
    }
}
