using System.Text;
using EntraInboundProvisioning.Engine.Sync;

namespace EntraInboundProvisioning.Engine.Tests.Sync;

public class CanonicalUserTests
{
    private static byte[] Hash(string json) => CanonicalUser.Hash(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void OrderCaseWhitespaceAndBulkIdDoNotChangeTheHash()
    {
        byte[] hash = Hash("""{"schemas":["a","b"],"externalId":"1","name":{"givenName":"Zoë","familyName":"Ng"},"active":true}""");

        Assert.Equal(hash, Hash("""
            { "Active": true, "NAME": { "familyName": "Ng", "givenname": "Zoë" },
              "externalId": "1", "schemas": ["b", "a"], "bulkId": "x", "title": null }
            """));
    }

    [Fact]
    public void ValuesAreNormalized()
    {
        Assert.Equal(Hash("""{"n":1,"s":"Zoë"}"""), Hash("""{"n":1.0,"s":"Zoe\u0308"}"""));
    }

    [Fact]
    public void AnyChangeOfMeaningChangesTheHash()
    {
        byte[] hash = Hash("""{"externalId":"1","emails":[{"value":"a@x"},{"value":"b@x"}],"active":true}""");

        Assert.NotEqual(hash, Hash("""{"externalId":"1","emails":[{"value":"a@x"},{"value":"b@x"}],"active":false}"""));
        Assert.NotEqual(hash, Hash("""{"externalId":"1","emails":[{"value":"b@x"},{"value":"a@x"}],"active":true}"""));
        Assert.NotEqual(hash, Hash("""{"externalId":"1","emails":[{"value":"a@x"}],"active":true}"""));
    }

    [Theory]
    [InlineData("\"1\"", "1")]
    [InlineData("\"true\"", "true")]
    [InlineData("\"false\"", "false")]
    [InlineData("\"1.5\"", "1.5")]
    [InlineData("\"\\u0003n1\"", "1")]
    [InlineData("\"\\u0003strue\"", "true")]
    public void AStringAndTheNumberOrBooleanItSpellsAreDifferentValues(string asString, string asJsonValue)
    {
        Assert.NotEqual(Hash($$"""{"externalId":"1","a":{{asString}}}"""), Hash($$"""{"externalId":"1","a":{{asJsonValue}}}"""));
        Assert.Equal(["a"], CanonicalUser.ChangedAttributes(
            Encoding.UTF8.GetBytes($$"""{"externalId":"1","a":{{asString}}}"""), Encoding.UTF8.GetBytes($$"""{"externalId":"1","a":{{asJsonValue}}}""")));
    }

    [Fact]
    public void TheHashOfAUserWithStringsAndBooleansIsTheOneEarlierReleasesStored()
    {
        // The pairs text of earlier releases: path, \u0001, value, \u0002; states written by them must not send everyone again.
        string pairs = "active\u0001true\u0002externalid\u00011\u0002title\u0001Clerk\u0002";
        byte[] earlier = System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(pairs))[..CanonicalUser.HashLength];

        Assert.Equal(earlier, Hash("""{"externalId":"1","title":"Clerk","active":true}"""));
    }

    [Fact]
    public void ChangedAttributesNameTopLevelAttributesAndExtensionMembers()
    {
        const string urn = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
        string before = $$$"""{"title":"A","name":{"givenName":"X"},"{{{urn}}}":{"department":"D1","manager":{"value":"9"}},"active":true}""";
        string after = $$$"""{"title":"B","name":{"givenName":"X"},"{{{urn}}}":{"department":"D2","manager":{"value":"9"}},"active":true}""";

        Assert.Equal(["title", $"{urn}/department"], CanonicalUser.ChangedAttributes(Encoding.UTF8.GetBytes(before), Encoding.UTF8.GetBytes(after)));
    }

    [Fact]
    public void ADisableKeepsEveryOtherAttribute()
    {
        byte[] disabled = UserJson.Deactivated(Encoding.UTF8.GetBytes("""{"externalId":"1","title":"Café","active":true}"""));

        Assert.Equal("""{"externalId":"1","title":"Café","active":false}""", Encoding.UTF8.GetString(disabled));
        Assert.Equal(disabled, UserJson.Decompress(UserJson.Compress(disabled)));
    }
}
