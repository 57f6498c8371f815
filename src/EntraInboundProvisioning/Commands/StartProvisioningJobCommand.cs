using System.Management.Automation;
using EntraInboundProvisioning.Engine.Jobs;
using EntraInboundProvisioning.Engine.Provisioning;

namespace EntraInboundProvisioning.Commands;

/// <summary>
/// Starts a paused job (POST start); what was uploaded meanwhile is applied. Start also clears a quarantine, as
/// Microsoft documents; disables held for TooManyDeletes stay held (only a restart with ForceDeletes applies them).
/// </summary>
[Cmdlet(VerbsLifecycle.Start, "ProvisioningJob", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(ProvisioningJobInfo))]
public sealed class StartProvisioningJobCommand : JobStateCommand
{
    protected override string Action => "Start";

    protected override Task ChangeAsync(ProvisioningJobClient jobs, ProvisioningTarget target) => jobs.StartAsync(target, CancelToken);
}
