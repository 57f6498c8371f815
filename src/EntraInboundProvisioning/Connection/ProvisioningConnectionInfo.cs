namespace EntraInboundProvisioning.Connection;

/// <summary>What Connect-EntraProvisioning -PassThru shows: where and how, never a secret.</summary>
public sealed record ProvisioningConnectionInfo(Uri GraphUri, string SignIn, string? ServicePrincipalId, string? JobId);
