using System.Text;
using System.Text.Json.Nodes;
using EntraInboundProvisioning.LocalEndpoint.Diagnostics;
using EntraInboundProvisioning.LocalEndpoint.Processing;
using EntraInboundProvisioning.LocalEndpoint.State;

namespace EntraInboundProvisioning.LocalEndpoint.Tests;

public class UploadProcessorTests
{
    [Fact]
    public async Task AnUploadThatFailsToApplyIsReportedAndTheNextIsStillApplied()
    {
        var options = new LocalEndpointOptions();
        options.ServicePrincipals.Add(LocalEndpointOptions.DefaultServicePrincipal());
        var state = new ProvisioningState(options.ServicePrincipals, LocalEndpointOptions.DefaultTenantId);
        var queue = new UploadQueue();
        var warnings = new UploadWarnings();
        var reported = new List<UploadWarning>();
        warnings.Reported += reported.Add;
        using var processor = new UploadProcessor(queue, state, options, TimeProvider.System, warnings);
        await processor.StartAsync(CancellationToken.None);
        try
        {
            // What validation now refuses: a lone surrogate in an externalId, which throws when the processor reads it.
            JsonArray Operations(string externalId) => JsonNode.Parse(Encoding.UTF8.GetBytes(
                $$$"""[{"method":"POST","path":"/Users","bulkId":"b","data":{"externalId":"{{{externalId}}}","userName":"u@x"}}]"""))!.AsArray();
            queue.Enqueue(new PendingUpload(LocalEndpointOptions.DefaultServicePrincipalId, LocalEndpointOptions.DefaultJobId, Operations("\\ud800x"), DateTimeOffset.UtcNow, "poisoned"));
            queue.Enqueue(new PendingUpload(LocalEndpointOptions.DefaultServicePrincipalId, LocalEndpointOptions.DefaultJobId, Operations("E2"), DateTimeOffset.UtcNow, "good"));
            for (int i = 0; i < 1000 && queue.Pending > 0; i++)
            {
                await Task.Delay(10);
            }

            Assert.Equal(0, queue.Pending);
            Assert.False(processor.ExecuteTask!.IsCompleted);
            Assert.Equal("E2", (string)Assert.Single(state.Logs())["sourceIdentity"]!["id"]!);
            UploadWarning warning = Assert.Single(reported);
            Assert.Equal("poisoned", warning.RequestId);
            Assert.Contains("could not be applied", warning.Message);
            Assert.Single(warnings.Latest());
        }
        finally
        {
            await processor.StopAsync(CancellationToken.None);
        }
    }
}
