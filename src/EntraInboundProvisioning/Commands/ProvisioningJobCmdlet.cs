using System.Management.Automation;

namespace EntraInboundProvisioning.Commands;

/// <summary>The parameters that name a provisioning job, shared by the cmdlets that talk to one.</summary>
public abstract class ProvisioningJobCmdlet : CancellableCmdlet
{
    /// <summary>The provisioning app's service principal: its object id, or its appId.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ServicePrincipalId { get; set; }

    /// <summary>The job; needed only when the app has several.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? JobId { get; set; }

    /// <summary>The "Provisioning API Endpoint" that the app's Provisioning page shows; it names the app and the job.</summary>
    [Parameter]
    public Uri? Uri { get; set; }
}
