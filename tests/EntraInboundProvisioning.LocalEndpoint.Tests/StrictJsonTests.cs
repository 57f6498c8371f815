using System.Text;
using EntraInboundProvisioning.LocalEndpoint.Graph;

namespace EntraInboundProvisioning.LocalEndpoint.Tests;

public class StrictJsonTests
{
    [Theory]
    [InlineData("""{"a":1,"b":{"c":[1,{"d":1,"e":2,"d":3}]}}""", "$.b.c[1].d")]
    [InlineData("""{"a":[{"x":1},{"x":1}],"a":2}""", "$.a")]
    [InlineData("""[1,[2,3],{"k":{"k":1,"k":2}}]""", "$[2].k.k")]
    [InlineData("""{"x":{"a":1},"y":{"a":1},"A":1,"a":1}""", null)]
    [InlineData("""[{"a":1},{"a":1}]""", null)]
    public void TheFirstKeyGivenTwiceInItsObjectIsFoundByItsPath(string json, string? expected)
    {
        Assert.Equal(expected, StrictJson.FindFirst(Encoding.UTF8.GetBytes(json))?.Path);
    }

    [Theory]
    [InlineData("""{"x":{"a":1},"y":{"a":1},"A":1,"a":1}""", "$.a", "as 'A' and 'a'")]
    [InlineData("""{"data":{"ExternalId":"A100","externalID":"B200"}}""", "$.data.externalID", "as 'ExternalId' and 'externalID'")]
    [InlineData("""{"data":{"urn:x:User":{"department":"A"},"URN:x:User":{}}}""", "$.data.URN:x:User", "as 'urn:x:User' and 'URN:x:User'")]
    public void InSCIMObjectsKeysEqualButForCaseAreDuplicatesNamedInBothSpellings(string json, string path, string spellings)
    {
        JsonProblem problem = StrictJson.FindFirst(Encoding.UTF8.GetBytes(json), ignoreKeyCase: true)!;
        Assert.Equal(path, problem.Path);
        Assert.Contains(spellings, problem.Message);
    }

    [Theory]
    [InlineData("""{"a":["ok","\ud800x"]}""", "$.a[1]")]
    [InlineData("""{"a":{"\udc00":1}}""", "$.a")]
    [InlineData("""{"a":"\ud83d\ude00 paired is fine"}""", null)]
    public void TextWithALoneSurrogateIsFoundByItsPath(string json, string? expected)
    {
        JsonProblem? problem = StrictJson.FindFirst(Encoding.UTF8.GetBytes(json));
        Assert.Equal(expected, problem?.Path);
        if (problem is not null)
        {
            Assert.Contains("not valid UTF-8 text", problem.Message);
        }
    }

    [Fact]
    public void BytesThatAreNotUtf8AreFoundInAValueAndInAKey()
    {
        byte[] Latin1(string json) => Encoding.Latin1.GetBytes(json);
        Assert.Equal("$.u.displayName", StrictJson.FindFirst(Latin1("""{"u":{"displayName":"René"}}"""))!.Path);
        JsonProblem key = StrictJson.FindFirst(Latin1("""{"u":{"Kéy":"v"}}"""))!;
        Assert.Equal("$.u", key.Path);
        Assert.StartsWith("a key of $.u is not valid UTF-8 text", key.Message);
    }
}
