using System.Management.Automation;
using EntraInboundProvisioning.Engine.Jobs;
using EntraInboundProvisioning.Engine.Provisioning;

namespace EntraInboundProvisioning.Connection;

/// <summary>
/// Before a send: a paused or quarantined job accepts uploads and provisions nothing, so the admin is warned once,
/// with what becomes of the upload and what to do. The check is advice only: a job that cannot be read does not stop the send.
/// </summary>
internal static class HoldingJobWarning
{
    // No provisioning logs are written while the job does not run (Microsoft's troubleshooting page), so -Wait would only time out.
    private const string NoLogs = " No provisioning logs are written until the job runs: Get-ProvisioningLog -Wait finds nothing meanwhile; Get-ProvisioningJob shows the job's state.";

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
        if (Message(job) is { } message)
        {
            cmdlet.WriteWarning(message);
        }
    }

    /// <summary>The warning for a job that holds uploads; null for one that runs.</summary>
    public static string? Message(ProvisioningJobInfo job) => job.Status switch
    {
        "Paused" => $"Job {job.JobId} is paused: this upload is accepted and waits; Start-ProvisioningJob applies it. " +
            "Do not use Restart-ProvisioningJob to resume: a restart discards what was uploaded while the job was not running, as Microsoft documents." + NoLogs,
        "Quarantine" => $"Job {job.JobId} is in quarantine ({job.QuarantineReason}, since {job.QuarantineSince:u}): this upload is accepted and waits; " +
            "Start-ProvisioningJob clears the quarantine and applies it. A restart discards it instead (a restart discards what was uploaded while the job was not running, " +
            "as Microsoft documents): after a restart, send again. " + job.QuarantineRemedy() + NoLogs,
        _ => null,
    };
}
