namespace EntraInboundProvisioning.Connection;

/// <summary>What Connect-EntraProvisioning -PassThru and Get-EntraProvisioningConnection show: where and how, never a secret.</summary>
public sealed record ProvisioningConnectionInfo(Uri GraphUri, string SignIn, string? ServicePrincipalId, string? JobId)
{
    /// <summary>This runspace's connection, or null when it is not connected.</summary>
    internal static ProvisioningConnectionInfo? Current() => ConnectionStore.Current is { } connection
        ? new ProvisioningConnectionInfo(connection.GraphUri, connection.Description, connection.DefaultTarget?.ServicePrincipalId, connection.DefaultTarget?.JobId)
        : null;
}
