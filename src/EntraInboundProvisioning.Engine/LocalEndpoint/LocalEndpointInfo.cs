namespace EntraInboundProvisioning.Engine.LocalEndpoint;

/// <summary>What a started local endpoint said about itself: where it listens, its ids, and its local test secrets (never printed).</summary>
public sealed record LocalEndpointInfo(
    Uri Uri,
    string ServicePrincipalId,
    string AppId,
    string JobId,
    string TenantId,
    Uri IdentityEndpoint,
    string IdentityHeader,
    string Token,
    int ProcessId)
{
    // A record prints every member; this one holds secrets, so it says only where it listens.
    public override string ToString() => $"Local provisioning endpoint {Uri} (process {ProcessId})";
}
