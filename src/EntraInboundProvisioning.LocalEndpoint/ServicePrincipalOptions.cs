namespace EntraInboundProvisioning.LocalEndpoint;

/// <summary>An API-driven provisioning app the endpoint holds: its service principal and its jobs.</summary>
public sealed class ServicePrincipalOptions
{
    public string Id { get; set; } = "";

    public string AppId { get; set; } = "";

    public string DisplayName { get; set; } = "";

    public List<string> JobIds { get; set; } = [];
}
