using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using static EntraInboundProvisioning.LocalEndpoint.Tests.EndpointHarness;

namespace EntraInboundProvisioning.LocalEndpoint.Tests;

public class BulkUploadTests
{
    [Fact]
    public async Task AValidUploadIsAcceptedWith202AnEmptyBodyAndALocation()
    {
        await using EndpointHarness harness = await StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, harness.UploadPath)
        {
            Content = new StringContent(Bulk(User("E1")), Encoding.UTF8, "application/scim+json"),
        };
        request.Headers.Add("client-request-id", "my-id");
        HttpResponseMessage response = await harness.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
        Assert.Contains("/auditLogs/provisioning", response.Headers.Location!.ToString());
        Assert.Contains(Uri.EscapeDataString(harness.Endpoint.JobId), response.Headers.Location!.ToString());
        Assert.True(response.Headers.Contains("request-id"));
        Assert.Equal("my-id", response.Headers.GetValues("client-request-id").Single());
    }

    [Fact]
    public async Task TheBetaPathWorksToo()
    {
        await using EndpointHarness harness = await StartAsync();
        HttpResponseMessage response = await harness.UploadAsync(Bulk(User("E1")), path: harness.UploadPath.Replace("/v1.0/", "/beta/"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task AnotherContentTypeIs400()
    {
        await using EndpointHarness harness = await StartAsync();
        HttpResponseMessage response = await harness.UploadAsync(Bulk(User("E1")), "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        JsonNode error = await ErrorAsync(response);
        Assert.Equal("BadRequest", (string)error["code"]!);
        Assert.Contains("application/scim+json", (string)error["message"]!);
        Assert.NotNull(error["innerError"]!["request-id"]);
    }

    public static TheoryData<string, string> BadBodies()
    {
        string op = """{"method":"POST","bulkId":"1","path":"/Users","data":{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"externalId":"E1"}}""";
        string Wrap(string ops) => $$"""{"schemas":["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],"Operations":[{{ops}}]}""";
        return new TheoryData<string, string>
        {
            { "{not json", "not valid JSON" },
            { Wrap(op.Replace("\"externalId\":\"E1\"", "\"externalId\":\"E1\",\"externalId\":\"E2\"")), "$.Operations[0].data.externalId is given twice" },
            { """{"Operations":[]}""", "schemas" },
            { Wrap(string.Join(",", Enumerable.Range(0, 51).Select(i => op.Replace("\"bulkId\":\"1\"", $"\"bulkId\":\"{i}\"")))), "limit is 50" },
            { Wrap(op.Replace("\"POST\"", "\"PATCH\"")), "only 'POST'" },
            { Wrap(op.Replace("/Users", "/Groups")), "only '/Users'" },
            { Wrap(op.Replace("\"bulkId\":\"1\",", "")), "no bulkId" },
            { Wrap(op.Replace("urn:ietf:params:scim:schemas:core:2.0:User", "urn:x")), "must list" },
            { Wrap(op.Replace("\"E1\"", "\"\"")), "no externalId" },
            { Wrap(op.Replace("\"E1\"", "1001")), "a string" },
        };
    }

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task AnInvalidBulkRequestIs400WithAMessageThatSaysWhat(string body, string expected)
    {
        await using EndpointHarness harness = await StartAsync();
        HttpResponseMessage response = await harness.UploadAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, (string)(await ErrorAsync(response))["message"]!);
    }

    [Fact]
    public async Task AUserWithItsExtensionObjectTwiceIs400NamingTheKeyNot500()
    {
        await using EndpointHarness harness = await StartAsync();
        const string Csv = "urn:ietf:params:scim:schemas:extension:csv:1.0:User";
        string user = User("E1").Replace("\"externalId\"", $$"""
            "{{Csv}}":{"WorkerID":"E1"},"{{Csv}}":{"WorkerID":"E1","Department":"Sales"},"externalId"
            """.Trim());
        HttpResponseMessage response = await harness.UploadAsync(Bulk(user));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"$.Operations[0].data.{Csv} is given twice", (string)(await ErrorAsync(response))["message"]!);
        await harness.WaitForProcessingAsync();
        Assert.Empty(await harness.LogsAsync());
    }

    [Fact]
    public async Task AReusedBulkIdIsAcceptedBothWorkersAreProcessedAndTheReuseIsReported()
    {
        await using EndpointHarness harness = await StartAsync();
        HttpResponseMessage response = await harness.UploadAsync(Bulk(User("E1"), User("E2")).Replace("\"bulkId\":\"b1\"", "\"bulkId\":\"b0\""));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await harness.WaitForProcessingAsync();
        Assert.Single(await harness.LogsAsync("sourceIdentity/id eq 'E1'"));
        Assert.Single(await harness.LogsAsync("sourceIdentity/id eq 'E2'"));
        JsonNode warning = Assert.Single(JsonNode.Parse(await harness.Client.GetStringAsync("/_local/info"))!["warnings"]!.AsArray())!;
        Assert.Contains("Operations[1].bulkId 'b0' is also the bulkId of Operations[0]", (string)warning["message"]!);
        Assert.Equal(response.Headers.GetValues("request-id").Single(), (string)warning["requestId"]!);
        Assert.Equal(harness.Endpoint.JobId, (string)warning["jobId"]!);
    }

    [Fact]
    public async Task AttributeNamesAreReadWithoutRegardToCaseAsSCIMNamesThem()
    {
        await using EndpointHarness harness = await StartAsync();
        HttpResponseMessage response = await harness.UploadAsync("""
            {"SCHEMAS":["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],"operations":[{"Method":"POST","BulkId":"1","Path":"/users",
            "Data":{"Schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"externalid":"E1","username":"e1@contoso.example","Active":false}}]}
            """);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await harness.WaitForProcessingAsync();
        Assert.Equal("success", (string)(await harness.LogsAsync("sourceIdentity/id eq 'E1'")).Single()!["provisioningStatusInfo"]!["status"]!);
        JsonNode user = JsonNode.Parse(await harness.Client.GetStringAsync("/_local/directory"))!.AsArray().Single()!;
        Assert.Equal("e1@contoso.example", (string)user["userName"]!);
        Assert.False((bool)user["active"]!);
    }

    [Fact]
    public async Task AnEmptyOperationsArrayIsAcceptedWithAWarning()
    {
        await using EndpointHarness harness = await StartAsync();
        HttpResponseMessage response = await harness.UploadAsync("""{"schemas":["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],"Operations":[]}""");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        JsonNode warning = Assert.Single(JsonNode.Parse(await harness.Client.GetStringAsync("/_local/info"))!["warnings"]!.AsArray())!;
        Assert.Contains("empty", (string)warning["message"]!);
    }

    [Fact]
    public async Task AnUnknownServicePrincipalOrJobIs404()
    {
        await using EndpointHarness harness = await StartAsync();
        HttpResponseMessage sp = await harness.UploadAsync(Bulk(User("E1")), path: $"/v1.0/servicePrincipals/nope/synchronization/jobs/{harness.Endpoint.JobId}/bulkUpload");
        HttpResponseMessage job = await harness.UploadAsync(Bulk(User("E1")), path: $"/v1.0/servicePrincipals/{harness.Endpoint.ServicePrincipalId}/synchronization/jobs/nope/bulkUpload");

        Assert.Equal(HttpStatusCode.NotFound, sp.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, job.StatusCode);
    }

    [Fact]
    public async Task NoTokenOrAnUnknownTokenIs401()
    {
        await using EndpointHarness harness = await StartAsync();
        harness.Client.DefaultRequestHeaders.Authorization = null;
        Assert.Equal(HttpStatusCode.Unauthorized, (await harness.UploadAsync(Bulk(User("E1")))).StatusCode);

        harness.Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "forged");
        HttpResponseMessage response = await harness.UploadAsync(Bulk(User("E1")));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("InvalidAuthenticationToken", (string)(await ErrorAsync(response))["code"]!);
    }

    [Fact]
    public async Task ATokenWithoutTheUploadPermissionIs403()
    {
        await using EndpointHarness harness = await StartAsync();
        HttpResponseMessage issued = await harness.Client.PostAsync("/_local/tokens",
            new StringContent("""{"roles":["AuditLog.Read.All"]}""", Encoding.UTF8, "application/json"));
        string token = (string)JsonNode.Parse(await issued.Content.ReadAsStringAsync())!["access_token"]!;
        harness.Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        HttpResponseMessage response = await harness.UploadAsync(Bulk(User("E1")));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("SynchronizationData-User.Upload", (string)(await ErrorAsync(response))["message"]!);
        Assert.Equal(HttpStatusCode.OK, (await harness.Client.GetAsync("/v1.0/auditLogs/provisioning")).StatusCode);
    }

    [Fact]
    public async Task JobsCanBeListedAndRead()
    {
        await using EndpointHarness harness = await StartAsync();
        JsonNode jobs = JsonNode.Parse(await harness.Client.GetStringAsync($"/v1.0/servicePrincipals/{harness.Endpoint.ServicePrincipalId}/synchronization/jobs"))!;
        Assert.Equal(harness.Endpoint.JobId, (string)jobs["value"]![0]!["id"]!);

        JsonNode job = JsonNode.Parse(await harness.Client.GetStringAsync($"/v1.0/servicePrincipals/{harness.Endpoint.ServicePrincipalId}/synchronization/jobs/{harness.Endpoint.JobId}"))!;
        Assert.Equal("API2AAD", (string)job["templateId"]!);

        string appId = harness.Endpoint.Options.ServicePrincipals[0].AppId;
        JsonNode byAppId = JsonNode.Parse(await harness.Client.GetStringAsync($"/v1.0/servicePrincipals?$filter=appId eq '{appId}'"))!;
        Assert.Equal(harness.Endpoint.ServicePrincipalId, (string)byAppId["value"]![0]!["id"]!);
    }
}
