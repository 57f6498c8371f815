using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using EntraInboundProvisioning.Engine.Tests;
using static EntraInboundProvisioning.LocalEndpoint.Tests.EndpointHarness;

namespace EntraInboundProvisioning.LocalEndpoint.Tests;

/// <summary>Example requests nobody here wrote (Microsoft's, from CSV2SCIM's samples) and one of the project's own with their traits.</summary>
public class ExampleRequestTests
{
    private const string EnterpriseUrn = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    [SharedAnchorsFact]
    public async Task MicrosoftsExampleRequestsAreAcceptedAndEachWorkerIsLoggedOnce()
    {
        string[] payloads = Directory.GetFiles(Path.Combine(TestPaths.Csv2Scim, "Samples"), "*.json");
        Assert.Equal(2, payloads.Length);
        foreach (string payload in payloads)
        {
            (List<string> externalIds, _, JsonArray warnings) = await UploadAndCheckEachWorkerIsLoggedOnceAsync(payload);
            Assert.Equal(["701984", "807600", "807609"], externalIds.Order(StringComparer.Ordinal));
            Assert.Contains("a6861ef2-c94b-4c96-85e0-27c59c0537eb", (string)Assert.Single(warnings)!["message"]!);
        }
    }

    [Fact]
    public async Task AnOwnRequestWithTheSameTraitsIsAcceptedAndEachWorkerIsLoggedOnce()
    {
        (_, JsonArray logs, JsonArray warnings) =
            await UploadAndCheckEachWorkerIsLoggedOnceAsync(OwnPayload("reused-bulkid-manager-first.json"));

        Assert.Equal(["M5001", "R5101", "R5102"], logs.Select(l => (string)l!["sourceIdentity"]!["id"]!).Order(StringComparer.Ordinal));
        Assert.All(logs, log => Assert.Equal("create", (string)log!["provisioningAction"]!));
        Assert.Contains("7d3e9a40-8b2c-4f16-a5e7-1c9b0d2e4f22", (string)Assert.Single(warnings)!["message"]!);
        // The manager came first, so both reports find it; "username" is userName (SCIM names ignore case).
        Assert.All(logs, log => Assert.Equal("success", (string)log!["provisioningStatusInfo"]!["status"]!));
        Assert.Contains(logs, l => (string)l!["sourceIdentity"]!["id"]! == "R5101" && ((JsonArray)l["modifiedProperties"]!).Any(p =>
            (string)p!["displayName"]! == "username" && (string)p["newValue"]! == "sean.obrien@contoso.example"));
        JsonObject manager = logs.Single(l => (string)l!["sourceIdentity"]!["id"]! == "M5001")!.AsObject();
        Assert.Contains(manager["modifiedProperties"]!.AsArray(),
            p => (string)p!["displayName"]! == $"{EnterpriseUrn}:department" && (string)p["newValue"]! == "Operations");
    }

    /// <summary>Bulk requests of the project's own, in Payloads/ beside this file; every clone has them.</summary>
    private static string OwnPayload(string name) =>
        Path.Combine(TestPaths.RepoRoot, "tests", "EntraInboundProvisioning.LocalEndpoint.Tests", "Payloads", name);

    /// <summary>
    /// Posts a payload file as it is to a fresh endpoint: 202, then exactly one log entry per worker of the payload (by
    /// externalId), none a failure; a bulkId used twice is in /_local/info's warnings.
    /// </summary>
    private static async Task<(List<string> ExternalIds, JsonArray Logs, JsonArray Warnings)> UploadAndCheckEachWorkerIsLoggedOnceAsync(string path)
    {
        string body = await File.ReadAllTextAsync(path);
        JsonArray operations = JsonNode.Parse(body)!["Operations"]!.AsArray();
        List<string> externalIds = operations.Select(o => (string)o!["data"]!["externalId"]!).ToList();
        List<string> reusedBulkIds = operations.GroupBy(o => (string)o!["bulkId"]!).Where(g => g.Count() > 1).Select(g => g.Key).ToList();

        await using EndpointHarness harness = await StartAsync();
        HttpResponseMessage response = await harness.Client.PostAsync(harness.UploadPath, new StringContent(body, Encoding.UTF8, "application/scim+json"));
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{Path.GetFileName(path)}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        await harness.WaitForProcessingAsync();

        JsonArray logs = await harness.LogsAsync($"jobId eq '{harness.Endpoint.JobId}'");
        Assert.Equal(externalIds.Order(StringComparer.Ordinal), logs.Select(l => (string)l!["sourceIdentity"]!["id"]!).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(logs, l => (string)l!["provisioningStatusInfo"]!["status"]! == "failure");

        JsonArray warnings = JsonNode.Parse(await harness.Client.GetStringAsync("/_local/info"))!["warnings"]!.AsArray();
        foreach (string bulkId in reusedBulkIds)
        {
            Assert.Contains(warnings, w => ((string)w!["message"]!).Contains($"bulkId '{bulkId}'", StringComparison.Ordinal));
        }
        return (externalIds, logs, warnings);
    }
}
