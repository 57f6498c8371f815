using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using static EntraInboundProvisioning.LocalEndpoint.Tests.EndpointHarness;

namespace EntraInboundProvisioning.LocalEndpoint.Tests;

/// <summary>
/// Bodies that parse as JSON but cannot be read one way, or break the schema's types (a reviewer's fuzz payloads): each
/// is 400 in Graph's envelope naming the path, never 202 (after which the processor failed) nor 500.
/// </summary>
public class UnreadableUploadTests
{
    private const string CoreUser = "urn:ietf:params:scim:schemas:core:2.0:User";

    private static string Request(string data, string operation = "\"method\":\"POST\",\"path\":\"/Users\",\"bulkId\":\"b1\"", string root = "") =>
        $$$"""{"schemas":["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],"Operations":[{{{{operation}}},"data":{"schemas":["{{{CoreUser}}}"],{{{data}}}}}]{{{root}}}}""";

    // Latin-1 writes é as the single byte 0xE9, which is not UTF-8.
    private static byte[] Latin1(string json) => Encoding.Latin1.GetBytes(json);

    public static TheoryData<byte[], string> UnreadableBodies() => new()
    {
        { Encoding.UTF8.GetBytes(Request("\"externalId\":\"X1\",\"userName\":\"\\ud800x\"")), "$.Operations[0].data.userName is not valid UTF-8 text" },
        { Latin1(Request("\"externalId\":\"NU\",\"userName\":\"n\",\"displayName\":\"René\"")), "$.Operations[0].data.displayName is not valid UTF-8 text" },
        { Latin1(Request("\"externalId\":\"NU2\",\"userName\":\"n\",\"Kéy\":\"v\"")), "a key of $.Operations[0].data is not valid UTF-8 text" },
        { Latin1(Request("\"externalId\":\"NU3\",\"userName\":\"n\"", "\"method\":\"POST\",\"path\":\"/Users\",\"bulkId\":\"bé\"")), "$.Operations[0].bulkId is not valid UTF-8 text" },
        { Latin1(Request("\"externalId\":\"NUé\",\"userName\":\"n\"")), "$.Operations[0].data.externalId is not valid UTF-8 text" },
        { Encoding.UTF8.GetBytes(Request("\"ExternalId\":\"A100\",\"externalID\":\"B200\",\"userName\":\"first@x\"")), "as 'ExternalId' and 'externalID'" },
        { Encoding.UTF8.GetBytes(Request("\"externalId\":\"A100\",\"userName\":\"first@x\",\"USERNAME\":\"second@x\"")), "$.Operations[0].data.USERNAME is given twice in one object, as 'userName' and 'USERNAME'" },
        { Encoding.UTF8.GetBytes(Request("\"externalId\":\"A100\",\"active\":true,\"ACTIVE\":false")), "as 'active' and 'ACTIVE'" },
        { Encoding.UTF8.GetBytes(Request("\"externalId\":\"X1\",\"urn:x:User\":{\"department\":\"A\"},\"URN:x:User\":{\"department\":\"B\"}")), "as 'urn:x:User' and 'URN:x:User'" },
        { Encoding.UTF8.GetBytes(Request("\"externalId\":\"X1\"", root: ",\"operations\":\"x\"")), "$.operations is given twice in one object, as 'Operations' and 'operations'" },
        { Encoding.UTF8.GetBytes(Request("\"externalId\":\"X1\",\"active\":\"false\"")), "Operations[0].data.active is \"false\"; the SCIM User schema makes active a boolean" },
        { Encoding.UTF8.GetBytes(Request("\"externalId\":\"X1\",\"active\":0")), "Operations[0].data.active is 0;" },
        { Encoding.UTF8.GetBytes(Request("\"externalId\":\"X1\",\"userName\":5")), "Operations[0].data.userName is 5; the SCIM User schema makes userName a string" },
        { Encoding.UTF8.GetBytes(Request("\"externalId\":\"X1\",\"displayName\":{\"a\":1}")), "Operations[0].data.displayName is {\"a\":1};" },
        { Encoding.UTF8.GetBytes(Request("\"externalId\":\"X1\"", "\"method\":\"POST\",\"path\":\"/Users\",\"bulkId\":5")), "Operations[0].bulkId is 5; the BulkRequest schema makes bulkId a string" },
        { Encoding.UTF8.GetBytes(Request("\"externalId\":\"X1\"", "\"method\":1,\"path\":\"/Users\",\"bulkId\":\"b1\"")), "Operations[0].method is 1; the BulkRequest schema makes method a string" },
        { Encoding.UTF8.GetBytes(Request("\"externalId\":\"X1\"", root: ",\"failOnErrors\":\"abc\"")), "failOnErrors is \"abc\"; the BulkRequest schema makes failOnErrors an integer" },
    };

    [Theory]
    [MemberData(nameof(UnreadableBodies))]
    public async Task IsRefusedWith400InGraphsEnvelopeNamingThePath(byte[] body, string expected)
    {
        await using EndpointHarness harness = await StartAsync();
        HttpResponseMessage response = await harness.UploadAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        JsonNode error = await ErrorAsync(response);
        Assert.Equal("BadRequest", (string)error["code"]!);
        Assert.Contains(expected, (string)error["message"]!);
        Assert.Equal(0, (int)JsonNode.Parse(await harness.Client.GetStringAsync("/_local/info"))!["pendingUploads"]!);
    }

    [Fact]
    public async Task NullAttributesAndAnIntegerFailOnErrorsAreStillAccepted()
    {
        await using EndpointHarness harness = await StartAsync();
        HttpResponseMessage response = await harness.UploadAsync(Request("\"externalId\":\"X1\",\"userName\":\"x1@c.example\",\"displayName\":null,\"active\":null", root: ",\"failOnErrors\":5"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }
}
