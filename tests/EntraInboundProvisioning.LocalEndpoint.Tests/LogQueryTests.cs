using System.Net;
using System.Text.Json.Nodes;
using static EntraInboundProvisioning.LocalEndpoint.Tests.EndpointHarness;

namespace EntraInboundProvisioning.LocalEndpoint.Tests;

public class LogQueryTests
{
    [Fact]
    public async Task FiltersOnJobSourceStatusActionAndTimeJoinedByAnd()
    {
        await using EndpointHarness harness = await StartAsync();
        DateTimeOffset before = DateTimeOffset.UtcNow.AddSeconds(-1);
        await harness.UploadAndProcessAsync(User("E1"), User("E2", userName: null), User("E3"));
        string job = harness.Endpoint.JobId;

        Assert.Equal(3, (await harness.LogsAsync($"jobId eq '{job}'")).Count);
        Assert.Single(await harness.LogsAsync($"jobId eq '{job}' and sourceIdentity/id eq 'E3'"));
        Assert.Equal("E2", (string)(await harness.LogsAsync("provisioningStatusInfo/status eq 'failure'")).Single()!["sourceIdentity"]!["id"]!);
        Assert.Equal(3, (await harness.LogsAsync("provisioningAction eq 'create'")).Count);
        Assert.Equal(3, (await harness.LogsAsync($"activityDateTime ge {before:yyyy-MM-ddTHH:mm:ssZ}")).Count);
        Assert.Empty(await harness.LogsAsync($"activityDateTime lt {before:yyyy-MM-ddTHH:mm:ssZ}"));
        Assert.Empty(await harness.LogsAsync($"activityDateTime gt {DateTimeOffset.UtcNow.AddMinutes(1):yyyy-MM-ddTHH:mm:ssZ}"));
        string cycle = (string)(await harness.LogsAsync())[0]!["cycleId"]!;
        Assert.Equal(3, (await harness.LogsAsync($"cycleId eq '{cycle}'")).Count);
    }

    [Theory]
    [InlineData("displayName eq 'x'")]
    [InlineData("jobId gt 'x'")]
    [InlineData("startswith(jobId,'x')")]
    [InlineData("activityDateTime ge yesterday")]
    public async Task AFilterItDoesNotSupportIs400(string filter)
    {
        await using EndpointHarness harness = await StartAsync();
        HttpResponseMessage response = await harness.Client.GetAsync("/v1.0/auditLogs/provisioning?$filter=" + Uri.EscapeDataString(filter));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Invalid filter clause", (string)(await ErrorAsync(response))["message"]!);
    }

    [Fact]
    public async Task PagesFollowTheNextLinkUntilEveryEntryIsRead()
    {
        await using EndpointHarness harness = await StartAsync();
        await harness.UploadAndProcessAsync(Enumerable.Range(1, 25).Select(i => User($"E{i}")).ToArray());

        var seen = new HashSet<string>();
        string? next = $"/v1.0/auditLogs/provisioning?$filter={Uri.EscapeDataString($"jobId eq '{harness.Endpoint.JobId}'")}&$top=10";
        int pages = 0;
        while (next is not null)
        {
            JsonNode page = JsonNode.Parse(await harness.Client.GetStringAsync(next))!;
            foreach (JsonNode? entry in page["value"]!.AsArray())
            {
                Assert.True(seen.Add((string)entry!["id"]!));
            }
            next = (string?)page["@odata.nextLink"];
            pages++;
        }
        Assert.Equal(25, seen.Count);
        Assert.Equal(3, pages);
    }
}
