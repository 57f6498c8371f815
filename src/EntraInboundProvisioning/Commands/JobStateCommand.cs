using System.Management.Automation;
using EntraInboundProvisioning.Engine.Jobs;
using EntraInboundProvisioning.Engine.Provisioning;

namespace EntraInboundProvisioning.Commands;

/// <summary>Pause, start and restart: one POST to the job, then with -PassThru the job as it is now.</summary>
public abstract class JobStateCommand : JobCommandBase
{
    /// <summary>Writes the job after the change.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override string Permission => JobPermissions.Write;

    /// <summary>What ShouldProcess shows, such as "Pause".</summary>
    protected abstract string Action { get; }

    protected abstract Task ChangeAsync(ProvisioningJobClient jobs, ProvisioningTarget target);

    protected override void ProcessRecord()
    {
        ProvisioningConnection connection = Connection;
        ProvisioningTarget target = Target(connection);
        if (!ShouldProcess($"job {target.JobId} of {target.ServicePrincipalId}", Action))
        {
            return;
        }
        var jobs = new ProvisioningJobClient(connection);
        Call(() => ChangeAsync(jobs, target), target.JobId);
        WriteVerbose($"{MyInvocation.MyCommand.Name}: {Action} of job {target.JobId} accepted.");
        if (PassThru)
        {
            WriteObject(Call(() => jobs.GetAsync(target, CancelToken), target.JobId));
        }
    }
}
