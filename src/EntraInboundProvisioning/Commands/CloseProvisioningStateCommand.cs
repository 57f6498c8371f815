using System.Management.Automation;
using EntraInboundProvisioning.Connection;
using EntraInboundProvisioning.Engine.Storage;
using EntraInboundProvisioning.Engine.Sync;

namespace EntraInboundProvisioning.Commands;

/// <summary>Closes a state: ends its run, checkpoints the file (writes a blob back) and lets other runs open it.</summary>
[Cmdlet(VerbsCommon.Close, "ProvisioningState")]
public sealed class CloseProvisioningStateCommand : PSCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [AllowNull]
    public ProvisioningState? State { get; set; }

    protected override void ProcessRecord()
    {
        if (State is null)
        {
            return;
        }
        OpenStateRegistry.Remove(State);
        try
        {
            State.Close();
        }
        catch (StateConflictException ex)
        {
            WriteError(new ErrorRecord(ex, "CloseProvisioningStateConflict", ErrorCategory.WriteError, State.Location));
        }
        catch (StorageExportException ex)
        {
            WriteError(new ErrorRecord(new IOException(ex.Message), "CloseProvisioningStateStorage" + ex.Kind, ErrorCategory.WriteError, ex.SourceUri));
        }
    }
}
