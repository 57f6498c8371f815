using System.Management.Automation;
using EntraInboundProvisioning.Engine.Jobs;
using EntraInboundProvisioning.Engine.Provisioning;

namespace EntraInboundProvisioning.Connection;

/// <summary>
/// Before a send: a paused or quarantined job accepts uploads and provisions nothing, so the admin is warned once.
/// The check is advice only: a job that cannot be read (no Synchronization.Read.All) does not stop the send.
/// </summary>
internal static class HoldingJobWarning
{
    public static void Check(Cmdlet cmdlet, ProvisioningConnection connection, ProvisioningTarget target,
        Func<Task<ProvisioningJobInfo>, ProvisioningJobInfo> wait, CancellationToken cancellationToken)
    {
        ProvisioningJobInfo job;
        try
        {
            job = wait(new ProvisioningJobClient(connection).GetAsync(target, cancellationToken));
        }
        catch (GraphRequestException ex)
        {
            cmdlet.WriteVerbose($"The state of job {target.JobId} could not be read, so it is not checked before sending: {ex.Message}");
            return;
        }
        if (job.Status == "Paused")
        {
            cmdlet.WriteWarning($"Job {target.JobId} is paused: uploads are accepted but not provisioned until it is started (Start-ProvisioningJob).");
        }
        else if (job.Status == "Quarantine")
        {
            cmdlet.WriteWarning($"Job {target.JobId} is in quarantine ({job.QuarantineReason}, since {job.QuarantineSince:u}): uploads are accepted but not provisioned. " +
                (job.QuarantineReason == "TooManyDeletes"
                    ? "Check the staged disables in the logs (Get-ProvisioningLog -Action stagedDelete), then Restart-ProvisioningJob -ResetScope ForceDeletes to apply them, or QuarantineState to drop them."
                    : "Fix the cause (Get-ProvisioningJob shows it), then Restart-ProvisioningJob."));
        }
    }
}
