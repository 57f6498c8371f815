using System.Management.Automation;
using EntraInboundProvisioning.Engine.Jobs;
using EntraInboundProvisioning.Engine.Provisioning;

namespace EntraInboundProvisioning.Commands;

/// <summary>
/// Restarts the job (POST restart with criteria.resetScope). High impact: on a job that is not running it discards
/// what was uploaded meanwhile, and ForceDeletes applies the disables the deletion threshold held.
/// </summary>
[Cmdlet(VerbsLifecycle.Restart, "ProvisioningJob", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(ProvisioningJobInfo))]
public sealed class RestartProvisioningJobCommand : JobStateCommand
{
    /// <summary>What to reset; none is the portal's restart (QuarantineState, Watermark and Escrows).</summary>
    [Parameter(Position = 0)]
    [ValidateSet("Full", "Watermark", "Escrows", "QuarantineState", "ForceDeletes")]
    public string[] ResetScope { get; set; } = [];

    protected override string Action => ResetScope.Length == 0 ? "Restart (the portal's restart)" : $"Restart, resetting {string.Join(", ", ResetScope)}";

    protected override Task ChangeAsync(ProvisioningJobClient jobs, ProvisioningTarget target) => jobs.RestartAsync(target, ResetScope, CancelToken);
}
