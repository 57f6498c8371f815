using System.Management.Automation;
using EntraInboundProvisioning.Engine.Jobs;
using EntraInboundProvisioning.Engine.Provisioning;

namespace EntraInboundProvisioning.Commands;

/// <summary>Pauses the job (POST pause): uploads are still accepted, and applied once the job is started again.</summary>
[Cmdlet(VerbsLifecycle.Suspend, "ProvisioningJob", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(ProvisioningJobInfo))]
public sealed class SuspendProvisioningJobCommand : JobStateCommand
{
    protected override string Action => "Pause";

    protected override Task ChangeAsync(ProvisioningJobClient jobs, ProvisioningTarget target) => jobs.PauseAsync(target, CancelToken);
}
