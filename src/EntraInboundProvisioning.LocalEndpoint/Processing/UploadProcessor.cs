using System.Text.Json.Nodes;
using EntraInboundProvisioning.LocalEndpoint.Graph;
using EntraInboundProvisioning.LocalEndpoint.State;
using Microsoft.Extensions.Hosting;

namespace EntraInboundProvisioning.LocalEndpoint.Processing;

/// <summary>Applies accepted uploads once their delay has passed, one provisioning cycle per upload, and writes their logs.</summary>
public sealed class UploadProcessor(UploadQueue queue, ProvisioningState state, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (PendingUpload upload in queue.ReadAllAsync(stoppingToken))
        {
            TimeSpan wait = upload.DueAt - time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, stoppingToken);
            }
            try
            {
                Apply(upload);
            }
            finally
            {
                queue.Done();
            }
        }
    }

    private void Apply(PendingUpload upload)
    {
        ServicePrincipalOptions servicePrincipal = state.FindServicePrincipal(upload.ServicePrincipalId)!;
        string cycleId = Guid.NewGuid().ToString();
        List<JsonObject> entries = state.WithDirectory(upload.JobId, directory => upload.Operations
            .Select(op => OperationApplier.Apply(directory, (JsonObject)ScimAttributes.Get(op, "data")!.DeepClone(), upload.JobId, cycleId, servicePrincipal,
                state.TenantId, time.GetUtcNow()))
            .ToList());
        state.AddLogs(entries);
    }
}
