using System.Management.Automation;
using EntraInboundProvisioning.Engine.Sync;

namespace EntraInboundProvisioning.Commands;

/// <summary>The check every cmdlet that takes -State makes first.</summary>
internal static class StateAccess
{
    public static void RequireOpen(PSCmdlet cmdlet, ProvisioningState state, string cmdletId)
    {
        if (!state.IsOpen)
        {
            cmdlet.ThrowTerminatingError(new ErrorRecord(new InvalidOperationException(
                $"The provisioning state '{state.Location}' is closed. Open it again with Open-ProvisioningState."),
                cmdletId + "StateClosed", ErrorCategory.InvalidOperation, state));
        }
    }
}
