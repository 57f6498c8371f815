using System.Text.Json.Nodes;
using static EntraInboundProvisioning.LocalEndpoint.Tests.EndpointHarness;

namespace EntraInboundProvisioning.LocalEndpoint.Tests;

public class ProcessingTests
{
    private static JsonObject Only(JsonArray logs, string externalId) =>
        logs.Select(l => l!.AsObject()).Single(l => (string)l["sourceIdentity"]!["id"]! == externalId);

    [Fact]
    public async Task ANewWorkerIsCreatedAndLoggedInTheV1Shape()
    {
        await using EndpointHarness harness = await StartAsync();
        await harness.UploadAndProcessAsync(User("E1", displayName: "Ann Lee"));

        JsonObject log = Only(await harness.LogsAsync(), "E1");
        Assert.Equal("create", (string)log["provisioningAction"]!);
        Assert.Equal("success", (string)log["provisioningStatusInfo"]!["status"]!);
        Assert.Equal(harness.Endpoint.JobId, (string)log["jobId"]!);
        foreach (string field in new[] { "id", "activityDateTime", "cycleId", "changeId", "targetIdentity", "modifiedProperties", "provisioningSteps" })
        {
            Assert.NotNull(log[field]);
        }
        Assert.Contains(log["modifiedProperties"]!.AsArray(), p => (string)p!["displayName"]! == "displayName" && (string)p["newValue"]! == "Ann Lee");
        JsonArray directory = JsonNode.Parse(await harness.Client.GetStringAsync("/_local/directory"))!.AsArray();
        Assert.Equal("E1", (string)directory.Single()!["externalId"]!);
        Assert.Equal((string)log["targetIdentity"]!["id"]!, (string)directory.Single()!["id"]!);
    }

    [Fact]
    public async Task AChangedWorkerIsUpdatedWithTheChangedAttributesOnly()
    {
        await using EndpointHarness harness = await StartAsync();
        await harness.UploadAndProcessAsync(User("E1", displayName: "Ann Lee"));
        await harness.UploadAndProcessAsync(User("E1", displayName: "Ann Smith"));

        JsonObject update = (await harness.LogsAsync("provisioningAction eq 'update'")).Single()!.AsObject();
        JsonObject change = update["modifiedProperties"]!.AsArray().Single()!.AsObject();
        Assert.Equal("displayName", (string)change["displayName"]!);
        Assert.Equal("Ann Lee", (string)change["oldValue"]!);
        Assert.Equal("Ann Smith", (string)change["newValue"]!);
    }

    [Fact]
    public async Task AnUnchangedWorkerIsSkippedAndALeaverIsDisabled()
    {
        await using EndpointHarness harness = await StartAsync();
        await harness.UploadAndProcessAsync(User("E1"));
        await harness.UploadAndProcessAsync(User("E1"));
        await harness.UploadAndProcessAsync(User("E1", active: false));

        Assert.Equal("skipped", (string)(await harness.LogsAsync("provisioningStatusInfo/status eq 'skipped'")).Single()!["provisioningStatusInfo"]!["status"]!);
        Assert.Single(await harness.LogsAsync("provisioningAction eq 'disable'"));
        JsonArray directory = JsonNode.Parse(await harness.Client.GetStringAsync("/_local/directory"))!.AsArray();
        Assert.False((bool)directory.Single()!["active"]!);
    }

    [Fact]
    public async Task AnUnknownManagerIsAWarningAndACreateWithoutUserNameFails()
    {
        await using EndpointHarness harness = await StartAsync();
        await harness.UploadAndProcessAsync(User("E1", manager: "M404"), User("E2", userName: null), User("E3", manager: "E1"));

        JsonObject warned = Only(await harness.LogsAsync(), "E1");
        Assert.Equal("warning", (string)warned["provisioningStatusInfo"]!["status"]!);
        Assert.Contains("M404", (string)warned["provisioningStatusInfo"]!["errorInformation"]!["reason"]!);
        JsonObject failed = Only(await harness.LogsAsync(), "E2");
        Assert.Equal("failure", (string)failed["provisioningStatusInfo"]!["status"]!);
        Assert.Contains("userName", (string)failed["provisioningStatusInfo"]!["errorInformation"]!["reason"]!);
        Assert.Equal("success", (string)Only(await harness.LogsAsync(), "E3")["provisioningStatusInfo"]!["status"]!);
    }

    [Fact]
    public async Task NothingIsLoggedBeforeTheDelay()
    {
        await using EndpointHarness harness = await StartAsync(o => o.ProcessingDelay = TimeSpan.FromSeconds(30));
        Assert.Equal(202, (int)(await harness.UploadAsync(Bulk(User("E1")))).StatusCode);
        Assert.Empty(await harness.LogsAsync());
    }

    [Fact]
    public async Task ResetClearsTheDirectoryAndTheLogs()
    {
        await using EndpointHarness harness = await StartAsync();
        await harness.UploadAndProcessAsync(User("E1"));
        await harness.Client.PostAsync("/_local/reset", null);

        Assert.Empty(await harness.LogsAsync());
        Assert.Empty(JsonNode.Parse(await harness.Client.GetStringAsync("/_local/directory"))!.AsArray());
    }
}
