using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using EntraInboundProvisioning.Engine.Provisioning;

namespace EntraInboundProvisioning.Connection;

/// <summary>
/// The connection that Connect-EntraProvisioning made, one per runspace (as Connect-MgGraph keeps one per session):
/// runspaces of ForEach-Object -Parallel, a runspace pool or Azure Functions each sign in to their own tenant, and a
/// Disconnect in one leaves the others alone. It is disposed when its runspace closes or the module is removed.
/// </summary>
internal static class ConnectionStore
{
    private static readonly ConditionalWeakTable<Runspace, ProvisioningConnection> Connections = new();

    public static ProvisioningConnection? Current =>
        Runspace.DefaultRunspace is { } runspace && Connections.TryGetValue(runspace, out ProvisioningConnection? connection) ? connection : null;

    public static void Set(ProvisioningConnection? connection)
    {
        if (Runspace.DefaultRunspace is not { } runspace)
        {
            connection?.Dispose();
            return;
        }
        ProvisioningConnection? previous = Current;
        if (connection is null)
        {
            Connections.Remove(runspace);
            runspace.StateChanged -= DisposeWhenClosed;
        }
        else
        {
            if (previous is null)
            {
                runspace.StateChanged += DisposeWhenClosed;
            }
            Connections.AddOrUpdate(runspace, connection);
        }
        previous?.Dispose();
    }

    private static void DisposeWhenClosed(object? sender, RunspaceStateEventArgs e)
    {
        if (sender is Runspace runspace && e.RunspaceStateInfo.State is RunspaceState.Closed or RunspaceState.Broken
            && Connections.TryGetValue(runspace, out ProvisioningConnection? connection))
        {
            Connections.Remove(runspace);
            runspace.StateChanged -= DisposeWhenClosed;
            connection.Dispose();
        }
    }
}
