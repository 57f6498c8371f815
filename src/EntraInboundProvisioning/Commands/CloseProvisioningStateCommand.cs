using EntraInboundProvisioning.Connection;
using System.Management.Automation;
using EntraInboundProvisioning.Engine.Sync;

namespace EntraInboundProvisioning.Commands;

/// <summary>Closes a state: ends its run, checkpoints the file and lets other runs open it.</summary>
[Cmdlet(VerbsCommon.Close, "ProvisioningState")]
public sealed class CloseProvisioningStateCommand : PSCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [AllowNull]
    public ProvisioningState? State { get; set; }

    protected override void ProcessRecord()
    {
        if (State is not null)
        {
            OpenStateRegistry.Remove(State);
            State.Close();
        }
    }
}
