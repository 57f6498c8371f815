using EntraInboundProvisioning.Engine.Provisioning;

namespace EntraInboundProvisioning.Connection;

/// <summary>The connection that Connect-EntraProvisioning made, for the other cmdlets of the session, as Connect-MgGraph keeps one.</summary>
internal static class ConnectionStore
{
    private static ProvisioningConnection? _current;

    public static ProvisioningConnection? Current => Volatile.Read(ref _current);

    public static void Set(ProvisioningConnection? connection) => Interlocked.Exchange(ref _current, connection)?.Dispose();
}
