namespace EntraInboundProvisioning.LocalEndpoint;

/// <summary>How the local endpoint is started: where it listens, what it holds, and which faults it injects.</summary>
public sealed class LocalEndpointOptions
{
    public const string DefaultServicePrincipalId = "6a1c5f6e-0000-4000-8000-00000000a001";
    public const string DefaultAppId = "6a1c5f6e-0000-4000-8000-00000000b001";
    public const string DefaultJobId = "API2AAD.6a1c5f6e00004000800000000000a001.6a1c5f6e-0000-4000-8000-00000000c001";
    public const string DefaultTenantId = "6a1c5f6e-0000-4000-8000-0000000000aa";

    /// <summary>The TCP port on 127.0.0.1; 0 takes a free one.</summary>
    public int Port { get; set; }

    /// <summary>How long after an upload its operations are applied and logged.</summary>
    public TimeSpan ProcessingDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A token accepted with every permission, for simple scripts; null makes one up.</summary>
    public string? StaticToken { get; set; }

    /// <summary>The secret that managed-identity token requests must send as X-IDENTITY-HEADER; null makes one up.</summary>
    public string? IdentityHeader { get; set; }

    /// <summary>
    /// Entra's accidental-deletion prevention: a cycle that would disable more users than this holds the disables and
    /// puts the job in quarantine (TooManyDeletes) until restart with ForceDeletes; 0 turns it off.
    /// </summary>
    public int DeletionThreshold { get; set; }

    public List<ServicePrincipalOptions> ServicePrincipals { get; set; } = [];

    public FaultOptions Faults { get; set; } = new();

    public static ServicePrincipalOptions DefaultServicePrincipal() => new()
    {
        Id = DefaultServicePrincipalId,
        AppId = DefaultAppId,
        DisplayName = "Local HR inbound provisioning",
        JobIds = [DefaultJobId],
    };
}
