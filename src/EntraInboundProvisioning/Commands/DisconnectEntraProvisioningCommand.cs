using System.Management.Automation;
using EntraInboundProvisioning.Connection;

namespace EntraInboundProvisioning.Commands;

[Cmdlet(VerbsCommunications.Disconnect, "EntraProvisioning")]
public sealed class DisconnectEntraProvisioningCommand : PSCmdlet
{
    protected override void EndProcessing()
    {
        ConnectionStore.Set(null);
        WriteVerbose("Disconnected.");
    }
}
