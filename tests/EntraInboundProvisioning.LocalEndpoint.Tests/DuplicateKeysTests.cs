using System.Text;
using EntraInboundProvisioning.LocalEndpoint.Graph;

namespace EntraInboundProvisioning.LocalEndpoint.Tests;

public class DuplicateKeysTests
{
    [Theory]
    [InlineData("""{"a":1,"b":{"c":[1,{"d":1,"e":2,"d":3}]}}""", "$.b.c[1].d")]
    [InlineData("""{"a":[{"x":1},{"x":1}],"a":2}""", "$.a")]
    [InlineData("""[1,[2,3],{"k":{"k":1,"k":2}}]""", "$[2].k.k")]
    [InlineData("""{"x":{"a":1},"y":{"a":1},"A":1,"a":1}""", null)]
    [InlineData("""[{"a":1},{"a":1}]""", null)]
    public void TheFirstKeyGivenTwiceInItsObjectIsFoundByItsPath(string json, string? expected)
    {
        Assert.Equal(expected, DuplicateKeys.FindFirst(Encoding.UTF8.GetBytes(json)));
    }
}
