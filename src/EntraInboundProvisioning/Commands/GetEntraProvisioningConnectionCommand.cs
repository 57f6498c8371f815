using System.Management.Automation;
using EntraInboundProvisioning.Connection;

namespace EntraInboundProvisioning.Commands;

/// <summary>Shows this runspace's connection, as Get-MgContext does: where and how it signs in, never a secret. Nothing when not connected.</summary>
[Cmdlet(VerbsCommon.Get, "EntraProvisioningConnection")]
[OutputType(typeof(ProvisioningConnectionInfo))]
public sealed class GetEntraProvisioningConnectionCommand : PSCmdlet
{
    protected override void EndProcessing()
    {
        if (ProvisioningConnectionInfo.Current() is { } info)
        {
            WriteObject(info);
        }
    }
}
