using System.Text.Json.Nodes;
using EntraInboundProvisioning.LocalEndpoint.Diagnostics;
using EntraInboundProvisioning.LocalEndpoint.Graph;
using EntraInboundProvisioning.LocalEndpoint.State;
using Microsoft.Extensions.Hosting;

namespace EntraInboundProvisioning.LocalEndpoint.Processing;

/// <summary>
/// Applies accepted uploads once their delay has passed, one provisioning cycle per upload, and writes their logs;
/// a paused or quarantined job holds them until it is started. An upload that fails to apply is reported (on the
/// console and in /_local/info) and the next one is processed: one bad upload must not stop the host.
/// </summary>
public sealed class UploadProcessor(UploadQueue queue, ProvisioningState state, LocalEndpointOptions options, TimeProvider time, UploadWarnings warnings)
    : BackgroundService
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
            catch (Exception ex)
            {
                warnings.Report(new UploadWarning(time.GetUtcNow(), upload.JobId, upload.RequestId,
                    $"The upload could not be applied ({ex.GetType().Name}: {ex.Message}); its {upload.Operations.Count} operations may be partly " +
                    "applied and have no log entries. The endpoint goes on with the next upload."));
            }
            finally
            {
                queue.Done();
            }
        }
    }

    private void Apply(PendingUpload upload)
    {
        if (state.WithJob(upload.JobId, job =>
            {
                if (job.IsHolding)
                {
                    job.Held.Add(upload);
                }
                return job.IsHolding;
            }))
        {
            return;
        }
        ProvisioningCycle.Run(state, state.FindServicePrincipal(upload.ServicePrincipalId)!, upload.JobId,
            upload.Operations.Select(op => (JsonObject)ScimAttributes.Get(op, "data")!.DeepClone()).ToList(), options.DeletionThreshold, time.GetUtcNow());
    }
}
