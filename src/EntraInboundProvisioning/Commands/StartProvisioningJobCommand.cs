using System.Management.Automation;
using EntraInboundProvisioning.Engine.Jobs;
using EntraInboundProvisioning.Engine.Provisioning;

namespace EntraInboundProvisioning.Commands;

/// <summary>
/// Starts a paused job (POST start); what was uploaded meanwhile is applied. A job quarantined for a reason that start
/// does not clear (TooManyDeletes) stays in quarantine, and that is an error, since the service accepts the call.
/// </summary>
[Cmdlet(VerbsLifecycle.Start, "ProvisioningJob", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(ProvisioningJobInfo))]
public sealed class StartProvisioningJobCommand : JobStateCommand
{
    protected override string Action => "Start";

    protected override bool ChecksAfter => true;

    protected override Task ChangeAsync(ProvisioningJobClient jobs, ProvisioningTarget target) => jobs.StartAsync(target, CancelToken);

    protected override void CheckAfter(ProvisioningJobInfo job)
    {
        if (job.QuarantineRemedy() is { } remedy)
        {
            WriteError(new ErrorRecord(new InvalidOperationException(
                $"Job {job.JobId} accepted the start but is still in quarantine ({job.QuarantineReason}{(job.QuarantineError is null ? "" : ": " + job.QuarantineError)}). {remedy}"),
                "StartProvisioningJobStillQuarantined", ErrorCategory.InvalidOperation, job));
        }
    }
}
