using System.Management.Automation;
using EntraInboundProvisioning.Engine.Jobs;
using EntraInboundProvisioning.Engine.Provisioning;

namespace EntraInboundProvisioning.Commands;

/// <summary>Shows a provisioning job's state: status code, quarantine and its reason, steady state, the last execution.</summary>
[Cmdlet(VerbsCommon.Get, "ProvisioningJob")]
[OutputType(typeof(ProvisioningJobInfo))]
public sealed class GetProvisioningJobCommand : JobCommandBase
{
    protected override string Permission => JobPermissions.Read;

    protected override void ProcessRecord()
    {
        ProvisioningConnection connection = Connection;
        ProvisioningTarget target = Target(connection);
        var jobs = new ProvisioningJobClient(connection);
        WriteObject(Call(() => jobs.GetAsync(target, CancelToken), target.JobId));
    }
}
