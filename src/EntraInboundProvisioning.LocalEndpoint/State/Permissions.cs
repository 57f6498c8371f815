namespace EntraInboundProvisioning.LocalEndpoint.State;

/// <summary>The Graph application permissions the endpoint checks.</summary>
public static class Permissions
{
    public const string Upload = "SynchronizationData-User.Upload";
    public const string ReadAuditLogs = "AuditLog.Read.All";
    public const string ReadApplications = "Application.Read.All";
    public const string ReadSynchronization = "Synchronization.Read.All";
    public const string WriteSynchronization = "Synchronization.ReadWrite.All";
    public const string OwnedApplications = "Application.ReadWrite.OwnedBy";
    public const string ReadCustomSecurityAttributeProvisioning = "CustomSecAttributeProvisioning.Read.All";
    public const string WriteCustomSecurityAttributeProvisioning = "CustomSecAttributeProvisioning.ReadWrite.All";

    // What Microsoft's Graph reference accepts for each job call. Application.ReadWrite.OwnedBy is accepted for the
    // endpoint's apps, as if the caller owned them.
    public static readonly string[] JobRead = [OwnedApplications, ReadSynchronization, WriteSynchronization];
    public static readonly string[] JobWrite = [OwnedApplications, WriteSynchronization];
    public static readonly string[] SchemaRead = [ReadCustomSecurityAttributeProvisioning, OwnedApplications, WriteCustomSecurityAttributeProvisioning, ReadSynchronization, WriteSynchronization];
    public static readonly string[] SchemaWrite = [OwnedApplications, WriteCustomSecurityAttributeProvisioning, WriteSynchronization];

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { Upload, ReadAuditLogs, ReadApplications, ReadSynchronization, WriteSynchronization };
}
