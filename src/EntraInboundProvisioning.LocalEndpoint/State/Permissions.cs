namespace EntraInboundProvisioning.LocalEndpoint.State;

/// <summary>The Graph application permissions the endpoint checks.</summary>
public static class Permissions
{
    public const string Upload = "SynchronizationData-User.Upload";
    public const string ReadAuditLogs = "AuditLog.Read.All";
    public const string ReadApplications = "Application.Read.All";
    public const string ReadSynchronization = "Synchronization.Read.All";
    public const string WriteSynchronization = "Synchronization.ReadWrite.All";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { Upload, ReadAuditLogs, ReadApplications, ReadSynchronization, WriteSynchronization };
}
