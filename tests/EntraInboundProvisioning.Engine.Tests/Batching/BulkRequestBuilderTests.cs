using System.Text.Json;
using EntraInboundProvisioning.Engine.Batching;
using EntraInboundProvisioning.Engine.Scim;

namespace EntraInboundProvisioning.Engine.Tests.Batching;

public class BulkRequestBuilderTests
{
    private static ScimUser User(string id) =>
        new(id, System.Text.Encoding.UTF8.GetBytes($$"""{"schemas":["{{ScimSchemas.CoreUserUrn}}"],"externalId":"{{id}}"}"""), null, null, null, null, "f.csv", 1);

    [Fact]
    public void EmitsEachFullRequestAtOnceAndTheRemainderOnFlush()
    {
        var builder = new BulkRequestBuilder(3);
        var emitted = Enumerable.Range(1, 7).Select(i => builder.Add(User(i.ToString()))).ToList();

        Assert.Equal([false, false, true, false, false, true, false], emitted.Select(r => r is not null));
        ScimBulkRequest last = builder.Flush()!;
        Assert.Equal(3, last.Index);
        Assert.Equal(["7"], last.ExternalIds);
        Assert.Null(builder.Flush());
    }

    [Fact]
    public void TheRequestHasTheShapeTheServiceTakes()
    {
        var builder = new BulkRequestBuilder();
        builder.Add(User("1001"));
        using JsonDocument doc = JsonDocument.Parse(builder.Flush()!.Json);

        Assert.Equal(ScimSchemas.BulkRequestUrn, doc.RootElement.GetProperty("schemas")[0].GetString());
        JsonElement operation = doc.RootElement.GetProperty("Operations")[0];
        Assert.Equal("POST", operation.GetProperty("method").GetString());
        Assert.Equal("/Users", operation.GetProperty("path").GetString());
        Assert.Equal(BulkIds.FromExternalId("1001"), operation.GetProperty("bulkId").GetString());
        Assert.Equal("1001", operation.GetProperty("data").GetProperty("externalId").GetString());
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("failOnErrors").ValueKind);
    }

    [Fact]
    public void BulkIdsAreStableAndUniqueInARequest()
    {
        Assert.Equal(BulkIds.FromExternalId("42"), BulkIds.FromExternalId("42"));
        Assert.NotEqual(BulkIds.FromExternalId("42"), BulkIds.FromExternalId("43"));

        var builder = new BulkRequestBuilder();
        builder.Add(User("5"));
        builder.Add(User("5"));
        using JsonDocument doc = JsonDocument.Parse(builder.Flush()!.Json);
        var ids = doc.RootElement.GetProperty("Operations").EnumerateArray().Select(o => o.GetProperty("bulkId").GetString()).ToList();
        Assert.Equal(2, ids.Distinct().Count());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(51)]
    public void MoreThanTheServiceLimitIsRefused(int size)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new BulkRequestBuilder(size));
        Assert.Contains("50", ex.Message);
    }
}
