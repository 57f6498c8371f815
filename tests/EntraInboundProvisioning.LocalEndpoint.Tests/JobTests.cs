using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using static EntraInboundProvisioning.LocalEndpoint.Tests.EndpointHarness;

namespace EntraInboundProvisioning.LocalEndpoint.Tests;

public class JobTests
{
    private const string CsvUrn = "urn:ietf:params:scim:schemas:extension:csv:1.0:User";

    private static string JobPath(EndpointHarness harness) =>
        $"/v1.0/servicePrincipals/{harness.Endpoint.ServicePrincipalId}/synchronization/jobs/{harness.Endpoint.JobId}";

    private static async Task<JsonNode> JobAsync(EndpointHarness harness) => JsonNode.Parse(await harness.Client.GetStringAsync(JobPath(harness)))!;

    private static Task<HttpResponseMessage> PostAsync(EndpointHarness harness, string action, string? body = null) =>
        harness.Client.PostAsync(JobPath(harness) + "/" + action, body is null ? null : new StringContent(body, Encoding.UTF8, "application/json"));

    private static string WithCustom(string externalId, string location)
    {
        JsonObject user = JsonNode.Parse(User(externalId))!.AsObject();
        user[CsvUrn] = new JsonObject { ["Location"] = location };
        return user.ToJsonString();
    }

    [Fact]
    public async Task AJobIsNotRunUntilAnUploadIsAppliedThenActiveWithItsLastExecution()
    {
        await using EndpointHarness harness = await StartAsync();
        JsonNode before = await JobAsync(harness);
        Assert.Equal("NotRun", (string)before["status"]!["code"]!);
        Assert.Null(before["status"]!["lastExecution"]);

        await harness.UploadAndProcessAsync(User("E1"), User("E2", userName: null));

        JsonNode status = (await JobAsync(harness))["status"]!;
        Assert.Equal("Active", (string)status["code"]!);
        Assert.Equal(2, (int)status["lastExecution"]!["countImported"]!);
        Assert.Equal(1, (int)status["lastExecution"]!["countExported"]!);
        Assert.Equal(1, (int)status["lastExecution"]!["countEscrowed"]!);
        Assert.Equal("EntryLevelErrors", (string)status["lastExecution"]!["state"]!);
        Assert.Null(status["quarantine"]);
    }

    [Fact]
    public async Task APausedJobHoldsUploadsUntilItIsStarted()
    {
        await using EndpointHarness harness = await StartAsync();
        Assert.Equal(204, (int)(await PostAsync(harness, "pause")).StatusCode);
        Assert.Equal("Paused", (string)(await JobAsync(harness))["status"]!["code"]!);
        Assert.Equal("Disabled", (string)(await JobAsync(harness))["schedule"]!["state"]!);

        await harness.UploadAndProcessAsync(User("E1"));
        Assert.Empty(await harness.LogsAsync());

        Assert.Equal(204, (int)(await PostAsync(harness, "start")).StatusCode);
        await harness.WaitForProcessingAsync();
        Assert.Single(await harness.LogsAsync("provisioningAction eq 'create'"));
        Assert.Equal("Active", (string)(await JobAsync(harness))["status"]!["code"]!);
    }

    [Fact]
    public async Task ACustomAttributeIsAppliedOnlyOnceTheSchemaPutDefinesIt()
    {
        await using EndpointHarness harness = await StartAsync();
        await harness.UploadAndProcessAsync(WithCustom("E1", "Lyon"));
        JsonObject first = (await harness.LogsAsync()).Single()!.AsObject();
        Assert.Equal("warning", (string)first["provisioningStatusInfo"]!["status"]!);
        Assert.Equal("AttributeNotInSchema", (string)first["provisioningStatusInfo"]!["errorInformation"]!["errorCode"]!);
        Assert.Contains(CsvUrn + ":Location", (string)first["provisioningStatusInfo"]!["errorInformation"]!["reason"]!);

        JsonObject schema = JsonNode.Parse(await harness.Client.GetStringAsync(JobPath(harness) + "/schema"))!.AsObject();
        JsonObject source = schema["directories"]!.AsArray().Select(d => d!.AsObject()).Single(d => (string)d["name"]! == "API");
        source["objects"]![0]!["attributes"]!.AsArray().Add(new JsonObject { ["name"] = CsvUrn + ":Location", ["type"] = "String" });
        HttpResponseMessage put = await harness.Client.PutAsync(JobPath(harness) + "/schema", new StringContent(schema.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.Equal(204, (int)put.StatusCode);
        string names = await harness.Client.GetStringAsync(JobPath(harness) + "/schema");
        Assert.Contains(CsvUrn + ":Location", names);

        await harness.UploadAndProcessAsync(WithCustom("E1", "Lyon"));
        JsonObject update = (await harness.LogsAsync("provisioningAction eq 'update'")).Single()!.AsObject();
        Assert.Equal("success", (string)update["provisioningStatusInfo"]!["status"]!);
        JsonArray directory = JsonNode.Parse(await harness.Client.GetStringAsync("/_local/directory"))!.AsArray();
        Assert.Equal("Lyon", (string)directory.Single()!["attributes"]![CsvUrn + ":Location"]!);
    }

    [Fact]
    public async Task ASchemaWithANameTheServiceRejectsIsRefused()
    {
        await using EndpointHarness harness = await StartAsync();
        JsonObject schema = JsonNode.Parse(await harness.Client.GetStringAsync(JobPath(harness) + "/schema"))!.AsObject();
        schema["directories"]![0]!["objects"]![0]!["attributes"]!.AsArray().Add(new JsonObject { ["name"] = CsvUrn + ":Hire Date", ["type"] = "String" });
        HttpResponseMessage put = await harness.Client.PutAsync(JobPath(harness) + "/schema", new StringContent(schema.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.Equal(400, (int)put.StatusCode);
        Assert.Contains("Hire Date", (string)(await ErrorAsync(put))["message"]!);
    }

    [Fact]
    public async Task DisablesPastTheDeletionThresholdAreStagedAndQuarantineTheJobStartClearsItAndOnlyForceDeletesAppliesThem()
    {
        await using EndpointHarness harness = await StartAsync(o => o.DeletionThreshold = 3);
        string[] ids = ["D1", "D2", "D3", "D4", "D5"];
        await harness.UploadAndProcessAsync(ids.Select(id => User(id)).ToArray());
        await harness.UploadAndProcessAsync(ids.Select(id => User(id, active: false)).ToArray());

        Assert.Equal(5, (await harness.LogsAsync("provisioningAction eq 'stagedDelete'")).Count);
        JsonNode status = (await JobAsync(harness))["status"]!;
        Assert.Equal("Quarantine", (string)status["code"]!);
        Assert.Equal("TooManyDeletes", (string)status["quarantine"]!["reason"]!);
        JsonArray directory = JsonNode.Parse(await harness.Client.GetStringAsync("/_local/directory"))!.AsArray();
        Assert.All(directory, u => Assert.True((bool)u!["active"]!));

        // Microsoft: "If the job is in quarantine, the quarantine status is cleared." The held disables stay staged.
        Assert.Equal(204, (int)(await PostAsync(harness, "start")).StatusCode);
        JsonNode started = (await JobAsync(harness))["status"]!;
        Assert.Equal("Active", (string)started["code"]!);
        Assert.Null(started["quarantine"]);
        Assert.Empty(await harness.LogsAsync("provisioningAction eq 'disable'"));
        directory = JsonNode.Parse(await harness.Client.GetStringAsync("/_local/directory"))!.AsArray();
        Assert.All(directory, u => Assert.True((bool)u!["active"]!));

        Assert.Equal(204, (int)(await PostAsync(harness, "restart", """{"criteria":{"resetScope":"ForceDeletes"}}""")).StatusCode);
        Assert.Equal(5, (await harness.LogsAsync("provisioningAction eq 'disable'")).Count);
        directory = JsonNode.Parse(await harness.Client.GetStringAsync("/_local/directory"))!.AsArray();
        Assert.All(directory, u => Assert.False((bool)u!["active"]!));
        Assert.Equal("Active", (string)(await JobAsync(harness))["status"]!["code"]!);
    }

    [Fact]
    public async Task TheDeletionThresholdIsACommandLineOptionAndALocalSetting()
    {
        Assert.Equal(3, CommandLine.Parse(["--deletion-threshold", "3"]).Options.DeletionThreshold);
        await using EndpointHarness harness = await StartAsync();
        HttpResponseMessage set = await harness.Client.PutAsync("/_local/settings", new StringContent("{\"deletionThreshold\":1}", Encoding.UTF8, "application/json"));
        Assert.Equal(1, (int)JsonNode.Parse(await set.Content.ReadAsStringAsync())!["deletionThreshold"]!);
        await harness.UploadAndProcessAsync(User("D1"), User("D2"));
        await harness.UploadAndProcessAsync(User("D1", active: false), User("D2", active: false));
        Assert.Equal("TooManyDeletes", (string)(await JobAsync(harness))["status"]!["quarantine"]!["reason"]!);
    }

    [Fact]
    public async Task DisablesWithinTheThresholdAreAppliedAtOnce()
    {
        await using EndpointHarness harness = await StartAsync(o => o.DeletionThreshold = 3);
        await harness.UploadAndProcessAsync(User("D1"), User("D2"), User("D3"));
        await harness.UploadAndProcessAsync(User("D1", active: false), User("D2", active: false), User("D3", active: false));
        Assert.Equal(3, (await harness.LogsAsync("provisioningAction eq 'disable'")).Count);
        Assert.Equal("Active", (string)(await JobAsync(harness))["status"]!["code"]!);
    }

    [Fact]
    public async Task ARestartWithAnUnknownScopeIsRefusedAndARestartDropsHeldUploads()
    {
        await using EndpointHarness harness = await StartAsync();
        Assert.Equal(400, (int)(await PostAsync(harness, "restart", """{"criteria":{"resetScope":"Everything"}}""")).StatusCode);
        await PostAsync(harness, "pause");
        await harness.UploadAndProcessAsync(User("E1"));
        Assert.Equal(204, (int)(await PostAsync(harness, "restart", """{"criteria":{"resetScope":"Full"}}""")).StatusCode);
        await harness.WaitForProcessingAsync();
        Assert.Empty(await harness.LogsAsync());
        Assert.Equal("NotRun", (string)(await JobAsync(harness))["status"]!["code"]!);
    }

    [Theory]
    [InlineData("Application.Read.All", "GET", "", "Synchronization.Read.All")]
    [InlineData("Synchronization.Read.All", "POST", "/pause", "Synchronization.ReadWrite.All")]
    [InlineData("Synchronization.Read.All", "PUT", "/schema", "Synchronization.ReadWrite.All")]
    public async Task EachJobCallNeedsItsPermissionAndA403NamesIt(string granted, string method, string path, string missing)
    {
        await using EndpointHarness harness = await StartAsync();
        var issue = await harness.Client.PostAsync("/_local/tokens", new StringContent($$"""{"roles":["{{granted}}"]}""", Encoding.UTF8, "application/json"));
        string token = (string)JsonNode.Parse(await issue.Content.ReadAsStringAsync())!["access_token"]!;
        using var request = new HttpRequestMessage(new HttpMethod(method), JobPath(harness) + path)
        {
            Content = method == "GET" ? null : new StringContent("{}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        HttpResponseMessage response = await harness.Client.SendAsync(request);
        Assert.Equal(403, (int)response.StatusCode);
        Assert.Contains(missing, (string)(await ErrorAsync(response))["message"]!);
    }

    [Theory]
    [InlineData("Application.ReadWrite.OwnedBy", "GET", "", 200)]
    [InlineData("Application.ReadWrite.OwnedBy", "POST", "/pause", 204)]
    [InlineData("Application.ReadWrite.OwnedBy", "GET", "/schema", 200)]
    [InlineData("CustomSecAttributeProvisioning.Read.All", "GET", "/schema", 200)]
    [InlineData("CustomSecAttributeProvisioning.Read.All", "GET", "", 403)]
    [InlineData("CustomSecAttributeProvisioning.ReadWrite.All", "POST", "/pause", 403)]
    public async Task EachJobCallAcceptsThePermissionsMicrosoftDocumentsForIt(string granted, string method, string path, int status)
    {
        await using EndpointHarness harness = await StartAsync();
        var issue = await harness.Client.PostAsync("/_local/tokens", new StringContent($$"""{"roles":["{{granted}}"]}""", Encoding.UTF8, "application/json"));
        string token = (string)JsonNode.Parse(await issue.Content.ReadAsStringAsync())!["access_token"]!;
        using var request = new HttpRequestMessage(new HttpMethod(method), JobPath(harness) + path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        HttpResponseMessage response = await harness.Client.SendAsync(request);
        Assert.Equal(status, (int)response.StatusCode);
    }
}
