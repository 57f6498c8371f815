namespace EntraInboundProvisioning.Engine.LocalEndpoint;

/// <summary>What a started local endpoint said about itself: where it listens, its ids, and its local test secrets.</summary>
public sealed record LocalEndpointInfo(
    Uri Uri,
    string ServicePrincipalId,
    string AppId,
    string JobId,
    string TenantId,
    Uri IdentityEndpoint,
    string IdentityHeader,
    string Token,
    int ProcessId);
