namespace EntraInboundProvisioning.Engine.Jobs;

/// <summary>
/// The Graph application permissions that Microsoft's reference accepts for a job's calls, least privileged first,
/// as a 403's advice names them.
/// </summary>
public static class JobPermissions
{
    private const string OwnedBy = "Application.ReadWrite.OwnedBy (Microsoft's least privileged; this app must be an owner of the provisioning app)";

    /// <summary>GET a job, list the jobs.</summary>
    public const string Read = $"one of {OwnedBy}, Synchronization.Read.All or Synchronization.ReadWrite.All";

    /// <summary>POST pause, start, restart.</summary>
    public const string Write = $"one of {OwnedBy} or Synchronization.ReadWrite.All";

    /// <summary>GET the schema.</summary>
    public const string SchemaRead = "one of CustomSecAttributeProvisioning.Read.All (Microsoft's least privileged), Application.ReadWrite.OwnedBy (this app must be an owner of the provisioning app), Synchronization.Read.All or Synchronization.ReadWrite.All";

    /// <summary>GET and PUT the schema.</summary>
    public const string SchemaWrite = $"one of {OwnedBy}, CustomSecAttributeProvisioning.ReadWrite.All or Synchronization.ReadWrite.All";
}
